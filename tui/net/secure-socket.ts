/**
 * Opens a TLS connection to a chat server and checks the server's
 * certificate with known-hosts.ts before anything is sent. A socket whose
 * certificate is refused is destroyed with a TrustError, so the caller
 * sees its message as the reason the connection closed.
 */
import { readFileSync } from 'node:fs';
import { isIP } from 'node:net';
import tls from 'node:tls';
import {
  decideTrust,
  hostKey,
  knownHostsPath,
  lookUpKnownHost,
  normalizeFingerprint,
  rememberHost,
} from './known-hosts.ts';

/** The client's TLS choices, from `--tls`, `--ca` and `--tls-fingerprint`. */
export interface TlsClientOptions {
  /** A PEM file of the CA (or the very certificate) to trust instead of the system's. */
  caFile?: string;
  /** The SHA-256 fingerprint the server's certificate must have. */
  fingerprint?: string;
  /** Defaults to knownHostsPath(). */
  knownHostsFile?: string;
}

/** The server's certificate is not trusted; `message` says why. */
export class TrustError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'TrustError';
  }
}

/** TLS options checked and loaded once, at startup. */
export interface TlsClientSetup {
  ca?: Buffer;
  caFile?: string;
  fingerprint?: string;
  knownHostsFile: string;
}

/**
 * Checks the TLS flags and reads the CA file. Throws TrustError with a
 * sentence naming the flag when one cannot be used.
 */
export function prepareTls(options: TlsClientOptions): TlsClientSetup {
  let fingerprint: string | undefined;
  if (options.fingerprint !== undefined) {
    fingerprint = normalizeFingerprint(options.fingerprint) ?? undefined;
    if (!fingerprint) {
      throw new TrustError(
        '--tls-fingerprint takes a SHA-256 fingerprint: 64 hex digits, colons allowed.',
      );
    }
  }
  let ca: Buffer | undefined;
  if (options.caFile) {
    try {
      ca = readFileSync(options.caFile);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code ?? 'unreadable';
      throw new TrustError(
        `--ca file "${options.caFile}" cannot be read (${code}).`,
      );
    }
  }
  return {
    ca,
    caFile: options.caFile,
    fingerprint,
    knownHostsFile: options.knownHostsFile ?? knownHostsPath(),
  };
}

/**
 * Connects with TLS. Listen for `secureConnect` to know the server was
 * trusted (check `socket.destroyed` first: a refusal destroys the socket
 * from an earlier listener); `onFirstUse` reports a newly pinned server.
 */
export function connectSecure(
  host: string,
  port: number,
  setup: TlsClientSetup,
  onFirstUse?: (notice: string) => void,
): tls.TLSSocket {
  const socket = tls.connect({
    host,
    port,
    servername: isIP(host) ? undefined : host,
    ca: setup.ca,
    // The decision is ours (pinning needs the untrusted certificate).
    rejectUnauthorized: false,
  });
  socket.once('secureConnect', () => {
    try {
      checkPeer(socket, host, port, setup, onFirstUse);
    } catch (error) {
      socket.destroy(
        error instanceof TrustError
          ? error
          : new TrustError(
              `Cannot check the server certificate: ${(error as Error).message}`,
            ),
      );
    }
  });
  return socket;
}

function checkPeer(
  socket: tls.TLSSocket,
  host: string,
  port: number,
  setup: TlsClientSetup,
  onFirstUse?: (notice: string) => void,
): void {
  const key = hostKey(host, port);
  const fingerprint = socket.getPeerCertificate().fingerprint256;
  if (!fingerprint) throw new TrustError(`${key} sent no certificate.`);
  const authorizationError = socket.authorizationError
    ? String(socket.authorizationError)
    : undefined;

  const decision = decideTrust(
    {
      hostKey: key,
      authorized: socket.authorized,
      authorizationError,
      fingerprint,
    },
    {
      pinnedFingerprint: setup.fingerprint,
      caFile: setup.caFile,
      knownHostsFile: setup.knownHostsFile,
      known: lookUpKnownHost(setup.knownHostsFile, key),
    },
  );
  if (!decision.ok) throw new TrustError(decision.message);
  if (decision.how === 'first-use') {
    rememberHost(setup.knownHostsFile, key, fingerprint);
    onFirstUse?.(
      `Trusting ${key} on first use; its certificate fingerprint ${fingerprint} is saved in ${setup.knownHostsFile}.`,
    );
  }
}

/** What Node adds to an OpenSSL error. */
type TlsFailure = NodeJS.ErrnoException & { reason?: string; library?: string };

// OpenSSL's answers when the first bytes back are not a TLS record.
const NOT_TLS_CODES = new Set([
  'ERR_SSL_WRONG_VERSION_NUMBER',
  'ERR_SSL_PACKET_LENGTH_TOO_LONG',
  'ERR_SSL_RECORD_LENGTH_MISMATCH',
  'ERR_SSL_HTTP_REQUEST',
  'ERR_SSL_UNEXPECTED_MESSAGE',
]);

/**
 * A sentence for a TLS failure on the way to `host:port`, or null when
 * `error` is not about TLS. OpenSSL's own text (`…:ssl3_get_record:wrong
 * version number:../deps/openssl/…`) tells a user nothing.
 */
export function describeTlsError(
  error: TlsFailure,
  host: string,
  port: number,
): string | null {
  const key = hostKey(host, port);
  if (error.code && NOT_TLS_CODES.has(error.code)) {
    return `The server at ${key} does not speak TLS; leave out --tls, or check the port.`;
  }
  if (error.message.includes('before secure TLS connection was established')) {
    return `The server at ${key} hung up before TLS was set up; it may not speak TLS (leave out --tls, or check the port).`;
  }
  const isOpenSsl =
    error.code?.startsWith('ERR_SSL_') || error.library !== undefined;
  if (!isOpenSsl) return null;
  const reason = error.reason ?? error.code ?? 'unknown reason';
  return `TLS with ${key} failed (${reason.toLowerCase()}); check --tls, --ca and the port.`;
}
