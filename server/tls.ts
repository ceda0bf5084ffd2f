/**
 * The listening socket: plain TCP, or TLS when a certificate and key are
 * configured (TLS_CERT and TLS_KEY, PEM files). Either way each accepted
 * connection reaches the hub as a duplex stream with its peer address.
 *
 * Note: the hub's per-address connection caps see a TLS connection only
 * once its handshake is done; until then a half-open handshake is bounded
 * by HANDSHAKE_TIMEOUT_MS alone.
 */
import { X509Certificate } from 'node:crypto';
import { readFileSync } from 'node:fs';
import net from 'node:net';
import tls from 'node:tls';
import type { Duplex } from 'node:stream';

/** Paths of a PEM certificate (chain) and its private key. */
export interface TlsFiles {
  tlsCert?: string;
  tlsKey?: string;
}

/** Why TLS cannot start, as a sentence naming the setting. */
export class TlsSetupError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'TlsSetupError';
  }
}

/** Called with every accepted connection, after any TLS handshake. */
export type AcceptHandler = (stream: Duplex, remoteAddress: string) => void;

/** What the listener reports besides connections. */
export interface ListenerEvents {
  /** A TLS handshake failed or timed out; the socket is already gone. */
  onHandshakeError?(error: Error, remoteAddress: string): void;
}

/** How long a TLS client may take to finish its handshake. */
export const HANDSHAKE_TIMEOUT_MS = 10_000;

/**
 * Reads the certificate and key, or returns undefined when neither is
 * set. Throws TlsSetupError when only one is set, a file cannot be read
 * or the two do not belong together.
 */
export function loadTlsOptions(files: TlsFiles): tls.TlsOptions | undefined {
  const { tlsCert, tlsKey } = files;
  if (!tlsCert && !tlsKey) return undefined;
  if (!tlsCert || !tlsKey) {
    throw new TlsSetupError(
      'TLS needs both TLS_CERT (the certificate) and TLS_KEY (its private key); only one is set.',
    );
  }
  const cert = readPem('TLS_CERT', tlsCert);
  const key = readPem('TLS_KEY', tlsKey);
  try {
    tls.createSecureContext({ cert, key });
  } catch (error) {
    throw new TlsSetupError(
      `TLS_CERT and TLS_KEY do not make a usable pair: ${(error as Error).message}`,
    );
  }
  return { cert, key, minVersion: 'TLSv1.2' };
}

/**
 * Creates the listening server, TLS when `tlsOptions` is given. The
 * caller still has to call `listen`.
 */
export function createListener(
  tlsOptions: tls.TlsOptions | undefined,
  onAccept: AcceptHandler,
  events: ListenerEvents = {},
): net.Server {
  if (!tlsOptions) {
    return net.createServer({ noDelay: true }, (socket) => {
      socket.setNoDelay(true);
      onAccept(socket, socket.remoteAddress ?? '');
    });
  }
  const server = tls.createServer(
    { ...tlsOptions, handshakeTimeout: HANDSHAKE_TIMEOUT_MS },
    (socket) => {
      socket.setNoDelay(true);
      onAccept(socket, socket.remoteAddress ?? '');
    },
  );
  server.on('tlsClientError', (error, socket) => {
    events.onHandshakeError?.(error, socket.remoteAddress ?? '');
    socket.destroy();
  });
  return server;
}

/** The SHA-256 fingerprint of a PEM certificate, as clients show it. */
export function certificateFingerprint(certPem: string | Buffer): string {
  return new X509Certificate(certPem).fingerprint256;
}

function readPem(setting: string, path: string): Buffer {
  try {
    return readFileSync(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'unreadable';
    throw new TlsSetupError(
      `${setting} file "${path}" cannot be read (${code}).`,
    );
  }
}
