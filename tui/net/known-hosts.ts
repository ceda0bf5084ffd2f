/**
 * Trust in a server's TLS certificate, ssh style. A certificate a system
 * CA (or the `--ca` file) vouches for is trusted as it is; otherwise its
 * SHA-256 fingerprint is pinned on first use in a known-hosts file, and a
 * later connection that presents another certificate is refused.
 *
 * The file is `$XDG_CONFIG_HOME/termchat/known_hosts` (or
 * `~/.config/termchat/known_hosts`): one `host:port fingerprint` a line,
 * `#` starts a comment.
 */
import { appendFileSync, mkdirSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import path from 'node:path';

/** One pinned server. */
export interface KnownHost {
  fingerprint: string;
  /** 1-based line in the file, for the "remove line N" advice. */
  line: number;
}

/** What the TLS handshake told us about the server. */
export interface PeerFacts {
  /** `host:port` as the user typed it. */
  hostKey: string;
  /** True when the CA chain and the host name checked out. */
  authorized: boolean;
  authorizationError?: string;
  /** The certificate's SHA-256, as `AB:CD:…`. */
  fingerprint: string;
}

/** How the user asked us to decide. */
export interface TrustPolicy {
  /** A fingerprint from `--tls-fingerprint`: only it is accepted. */
  pinnedFingerprint?: string;
  /** Set when `--ca` was given: then only that CA is trusted. */
  caFile?: string;
  knownHostsFile: string;
  /** The file's current entry for this host, if any. */
  known?: KnownHost;
}

/** Whether to go on, and why. */
export type TrustDecision =
  | { ok: true; how: 'ca' | 'fingerprint' | 'known' | 'first-use' }
  | { ok: false; message: string };

/** Where the known-hosts file lives for this user. */
export function knownHostsPath(
  env: NodeJS.ProcessEnv = process.env,
  home: string = homedir(),
): string {
  const config = env.XDG_CONFIG_HOME?.trim()
    ? env.XDG_CONFIG_HOME
    : path.join(home, '.config');
  return path.join(config, 'termchat', 'known_hosts');
}

/** The key a server is pinned under: `host:port`, `[v6]:port`. */
export function hostKey(host: string, port: number): string {
  const name = host.toLowerCase();
  return name.includes(':') ? `[${name}]:${port}` : `${name}:${port}`;
}

/**
 * Reads a fingerprint as users paste it: colons or not, any case, with
 * or without a `SHA256:` label. Returns null unless it is 32 bytes hex.
 */
export function normalizeFingerprint(text: string): string | null {
  const hex = text
    .trim()
    .replace(/^sha-?256:?/i, '')
    .replace(/[:\s]/g, '')
    .toUpperCase();
  if (!/^[0-9A-F]{64}$/.test(hex)) return null;
  return hex.match(/../g)!.join(':');
}

/** Parses the file's text into its entries, skipping broken lines. */
export function parseKnownHosts(text: string): Map<string, KnownHost> {
  const hosts = new Map<string, KnownHost>();
  text.split('\n').forEach((raw, index) => {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) return;
    const [key, print] = line.split(/\s+/);
    const fingerprint = print ? normalizeFingerprint(print) : null;
    if (key && fingerprint && !hosts.has(key)) {
      hosts.set(key, { fingerprint, line: index + 1 });
    }
  });
  return hosts;
}

/** The entry for one server, or undefined; a missing file has none. */
export function lookUpKnownHost(
  file: string,
  key: string,
): KnownHost | undefined {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
  return parseKnownHosts(text).get(key);
}

/** Appends a pin, creating the directory and file private to the user. */
export function rememberHost(
  file: string,
  key: string,
  fingerprint: string,
): void {
  mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  appendFileSync(file, `${key} ${fingerprint}\n`, { mode: 0o600 });
}

/** Decides whether to trust a server; pure, so every path is testable. */
export function decideTrust(
  peer: PeerFacts,
  policy: TrustPolicy,
): TrustDecision {
  if (policy.pinnedFingerprint) {
    return peer.fingerprint === policy.pinnedFingerprint
      ? { ok: true, how: 'fingerprint' }
      : refuse(
          `The certificate of ${peer.hostKey} has fingerprint ${peer.fingerprint}, not the ${policy.pinnedFingerprint} given with --tls-fingerprint; not connecting.`,
        );
  }
  if (peer.authorized) return { ok: true, how: 'ca' };
  if (policy.caFile) {
    return refuse(
      `The certificate of ${peer.hostKey} is not trusted by ${policy.caFile} (${peer.authorizationError ?? 'unknown reason'}); not connecting.`,
    );
  }
  if (!policy.known) return { ok: true, how: 'first-use' };
  if (policy.known.fingerprint === peer.fingerprint) {
    return { ok: true, how: 'known' };
  }
  return refuse(
    [
      `WARNING: the certificate of ${peer.hostKey} has CHANGED; not connecting.`,
      `Someone may be intercepting the connection, or the server got a new certificate.`,
      `Expected ${policy.known.fingerprint}`,
      `but got  ${peer.fingerprint}.`,
      `If you trust the change, delete line ${policy.known.line} of ${policy.knownHostsFile} and connect again.`,
    ].join('\n'),
  );
}

function refuse(message: string): TrustDecision {
  return { ok: false, message };
}
