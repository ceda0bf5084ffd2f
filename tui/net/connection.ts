/**
 * One TCP connection to a chat server: framing, heartbeat and liveness.
 * It knows nothing about logins; chat-session.ts builds on it.
 */
import { EventEmitter } from 'node:events';
import net from 'node:net';
import { FrameDecoder, FrameError, encodeFrame } from '../../shared/frame.ts';
import { MessageType, message, type Message } from '../../shared/protocol.ts';
import {
  connectSecure,
  describeTlsError,
  TrustError,
  type TlsClientSetup,
} from './secure-socket.ts';
import { parseServerMessage } from './server-message.ts';

/** Where to connect and how often to show signs of life. */
export interface ConnectionOptions {
  host: string;
  port: number;
  /** How often a heartbeat is sent; the protocol asks for 10 s. */
  heartbeatMs?: number;
  /** Silence after which the server is taken for lost. */
  deadAfterMs?: number;
  connectTimeoutMs?: number;
  /** TLS settings from secure-socket.ts `prepareTls`; absent means TCP. */
  tls?: TlsClientSetup;
}

interface ConnectionEvents {
  open: [];
  message: [Message];
  /**
   * The socket is gone. `isFinal` says trying again cannot help (the
   * server's certificate is refused, or close() was called), so no
   * reconnect should follow.
   */
  close: [reason: string, isFinal: boolean];
  /** Something to tell the user, such as a newly pinned certificate. */
  notice: [text: string];
}

/** A framed socket that emits parsed server messages. */
export class Connection extends EventEmitter<ConnectionEvents> {
  private socket: net.Socket | null = null;
  private decoder = new FrameDecoder();
  private heartbeat: NodeJS.Timeout | null = null;
  private lastHeard = 0;
  private isAnswered = false;
  private isClosed = false;

  constructor(readonly options: ConnectionOptions) {
    super();
  }

  /** Opens the socket; `open` or `close` follows. */
  open(): void {
    const { host, port, connectTimeoutMs = 5000, tls } = this.options;
    const socket = tls
      ? connectSecure(host, port, tls, (text) => this.emit('notice', text))
      : net.connect({ host, port });
    this.socket = socket;
    socket.setNoDelay(true);
    socket.setTimeout(connectTimeoutMs, () => {
      this.fail(`no answer from ${host}:${port}`);
    });
    // With TLS nothing is sent before the certificate is trusted; a
    // refusal destroys the socket in an earlier listener.
    socket.once(tls ? 'secureConnect' : 'connect', () => {
      if (socket.destroyed) return;
      socket.setTimeout(0);
      this.lastHeard = Date.now();
      this.startHeartbeat();
      this.emit('open');
    });
    socket.on('data', (chunk) => this.receive(chunk));
    socket.on('error', (error) =>
      this.fail(
        (tls && describeTlsError(error, host, port)) || describeError(error),
        error instanceof TrustError,
      ),
    );
    // A termchat server says why before it closes; a TLS server hangs up
    // on plain bytes without a word.
    socket.on('close', () =>
      this.fail(
        tls || this.isAnswered
          ? 'the server closed the connection'
          : 'the server closed the connection without answering (if it serves TLS, connect with --tls)',
      ),
    );
  }

  /** Sends one message; returns false when the socket is not writable. */
  send(
    type: MessageType,
    fields: Partial<Omit<Message, 'Type'>> = {},
  ): boolean {
    const socket = this.socket;
    if (!socket || this.isClosed || !socket.writable) return false;
    socket.write(encodeFrame(message(type, fields)));
    return true;
  }

  /** Closes the socket after flushing what was written. */
  close(): void {
    if (this.isClosed) return;
    this.stop();
    this.socket?.end();
    this.emit('close', 'closed', true);
  }

  private receive(chunk: Buffer): void {
    this.lastHeard = Date.now();
    this.isAnswered = true;
    let bodies: string[];
    try {
      bodies = this.decoder.push(chunk);
    } catch (error) {
      const detail =
        error instanceof FrameError ? error.message : String(error);
      this.fail(`the server sent a broken frame (${detail})`);
      return;
    }
    for (const body of bodies) {
      const parsed = parseServerMessage(body);
      if (parsed) this.emit('message', parsed);
      if (this.isClosed) return;
    }
  }

  private startHeartbeat(): void {
    const { heartbeatMs = 10_000 } = this.options;
    const deadAfterMs = this.options.deadAfterMs ?? heartbeatMs * 3.5;
    this.heartbeat = setInterval(() => {
      if (Date.now() - this.lastHeard > deadAfterMs) {
        this.fail('no sign of life from the server');
        return;
      }
      this.send(MessageType.Heartbeat, { Content: 'PING' });
    }, heartbeatMs);
    this.heartbeat.unref();
  }

  private stop(): void {
    this.isClosed = true;
    if (this.heartbeat) clearInterval(this.heartbeat);
    this.heartbeat = null;
  }

  private fail(reason: string, isFinal = false): void {
    if (this.isClosed) return;
    this.stop();
    this.socket?.destroy();
    this.emit('close', reason, isFinal);
  }
}

function describeError(error: NodeJS.ErrnoException): string {
  if (error.code === 'ECONNREFUSED') return 'connection refused';
  if (error.code === 'ENOTFOUND') return 'unknown host';
  if (error.code === 'ECONNRESET') return 'connection reset';
  return error.message;
}
