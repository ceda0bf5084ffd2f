/**
 * The listening socket: plain TCP, or TLS when a certificate and key are
 * configured (TLS_CERT and TLS_KEY, PEM files). Either way each accepted
 * connection reaches the hub as a duplex stream with its peer address.
 * A TLS connection is counted under the per-address caps from its first
 * TCP packet, so handshakes left hanging cannot pile up past them.
 */
import { X509Certificate } from 'node:crypto';
import { readFileSync } from 'node:fs';
import net from 'node:net';
import tls from 'node:tls';
import type { Duplex } from 'node:stream';
import type { Admission } from './limits/limits.ts';

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

/**
 * Called with every accepted connection, after any TLS handshake, with
 * the place `admit` gave it, which the handler owns from then on.
 */
export type AcceptHandler = (
  stream: Duplex,
  remoteAddress: string,
  admission?: Admission,
) => void;

/** What the listener asks and reports besides connections. */
export interface ListenerHooks {
  /**
   * Gives a TLS connection its place under the per-address caps before
   * the handshake, or undefined to refuse it (it is destroyed unread).
   * Without it, TLS connections are counted only once handed over.
   */
  admit?(remoteAddress: string): Admission | undefined;
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
  hooks: ListenerHooks = {},
): net.Server {
  if (!tlsOptions) {
    return net.createServer({ noDelay: true }, (socket) => {
      socket.setNoDelay(true);
      onAccept(socket, socket.remoteAddress ?? '');
    });
  }
  return createTlsListener(tlsOptions, onAccept, hooks);
}

/**
 * A plain TCP server in front of a TLS server that never listens: each
 * raw connection is admitted first, then handed to the TLS server
 * through its 'connection' event, so a refused one costs no TLS state.
 * An admission waits under the connection's address and ports until the
 * handshake ends: handed over with the TLS socket, or released when the
 * raw socket closes first.
 */
function createTlsListener(
  tlsOptions: tls.TlsOptions,
  onAccept: AcceptHandler,
  hooks: ListenerHooks,
): net.Server {
  const handshaking = new Map<string, Admission>();
  const secure = tls.createServer(
    { ...tlsOptions, handshakeTimeout: HANDSHAKE_TIMEOUT_MS },
    (socket) => {
      socket.setNoDelay(true);
      const key = connectionKey(socket);
      const admission = handshaking.get(key);
      handshaking.delete(key);
      onAccept(socket, socket.remoteAddress ?? '', admission);
    },
  );
  secure.on('tlsClientError', (error, socket) => {
    hooks.onHandshakeError?.(error, socket.remoteAddress ?? '');
    socket.destroy();
  });

  return net.createServer({ noDelay: true }, (raw) => {
    if (hooks.admit) {
      const admission = hooks.admit(raw.remoteAddress ?? '');
      if (!admission) {
        raw.destroy();
        return;
      }
      const key = connectionKey(raw);
      handshaking.set(key, admission);
      raw.once('close', () => {
        if (handshaking.get(key) !== admission) return;
        handshaking.delete(key);
        admission.release();
      });
    }
    secure.emit('connection', raw);
  });
}

/** Names a TCP connection uniquely: both ends' addresses and ports. */
function connectionKey(socket: net.Socket): string {
  const { remoteAddress, remotePort, localAddress, localPort } = socket;
  return `${remoteAddress}|${remotePort}|${localAddress}|${localPort}`;
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
