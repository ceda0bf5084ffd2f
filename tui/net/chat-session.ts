/**
 * The client side of a chat session: logging in (or registering, then
 * logging in), staying connected, and logging in again after a lost
 * connection with the credentials kept in memory only.
 */
import { EventEmitter } from 'node:events';
import {
  MessageType,
  OK,
  PROTOCOL_VERSION,
  type Message,
} from '../../shared/protocol.ts';
import type { ErrorCode } from '../../shared/errors.ts';
import { Connection, type ConnectionOptions } from './connection.ts';

/** What the status line shows about the link to the server. */
export type LinkState =
  | { kind: 'idle' }
  | { kind: 'connecting' }
  | { kind: 'online' }
  | { kind: 'offline'; reason: string; retryAt: number | null };

/** Whether the login screen creates an account first. */
export type AuthMode = 'login' | 'register';

interface SessionEvents {
  link: [LinkState];
  /** A login or register attempt failed; the sentence is for the user. */
  refused: [error: string];
  /** Logged in (again, when `isRelogin`) as the account's display name. */
  loggedIn: [name: string, isRelogin: boolean];
  /**
   * Any server frame after login except heartbeats, login replies, and
   * the takeover and shutdown notices (each told once, as the offline
   * link's reason).
   */
  message: [Message];
  /** Something to tell the user, such as a newly pinned certificate. */
  notice: [text: string];
}

/** Timing knobs, shortened in tests. */
export interface SessionOptions extends ConnectionOptions {
  retryDelaysMs?: readonly number[];
}

const DEFAULT_RETRY_DELAYS = [1000, 2000, 4000, 8000, 15_000, 30_000];

/**
 * Refusals of a login again after a lost link that pass with time (the
 * account logged in too often just now, the account database is down):
 * the session keeps retrying with backoff. Any other refusal, such as a
 * changed password, stops it until the user reconnects by hand.
 */
const PASSING_REFUSALS = new Set<ErrorCode>([
  'LOGIN_TOO_OFTEN',
  'STORE_UNAVAILABLE',
  'SERVER_SHUTDOWN',
  'INTERNAL',
]);

/** The status line's reason when another login took this session over. */
export const REPLACED_REASON = 'replaced by a login elsewhere';

/** The reason when the server said it was stopping (often a restart). */
export const SHUTDOWN_REASON = 'the server shut down';

/** Drives one user's session against one server. */
export class ChatSession extends EventEmitter<SessionEvents> {
  private connection: Connection | null = null;
  private credentials: { name: string; password: string } | null = null;
  private pending: AuthMode | null = null;
  private hasLoggedIn = false;
  private attempt = 0;
  private retryTimer: NodeJS.Timeout | null = null;
  private isQuitting = false;
  /**
   * Set when retrying on its own cannot help: another login replaced this
   * session (retrying would take it back), or a relogin was refused. While
   * it is set only Ctrl+R tries again; the next login that succeeds clears
   * it, so later losses are retried as usual.
   */
  private isRetryBlocked = false;
  /** A relogin was refused for a while, and the user has been told. */
  private isWaitingOutRefusal = false;
  /** Why the server is about to close the current connection, if it said. */
  private closingReason: string | null = null;
  link: LinkState = { kind: 'idle' };

  constructor(readonly options: SessionOptions) {
    super();
  }

  /** Logs in, or registers and then logs in, as `name`. */
  authenticate(mode: AuthMode, name: string, password: string): void {
    this.credentials = { name, password };
    this.pending = mode;
    if (this.connection && this.link.kind !== 'offline') {
      this.sendAuth(mode);
      return;
    }
    this.connect();
  }

  /** Sends a frame while online; returns false when it could not be sent. */
  send(
    type: MessageType,
    fields: Partial<Omit<Message, 'Type'>> = {},
  ): boolean {
    if (this.link.kind !== 'online') return false;
    return this.connection?.send(type, fields) ?? false;
  }

  /** Skips the wait and reconnects now (after a lost connection). */
  reconnectNow(): void {
    if (this.link.kind !== 'offline' || !this.hasLoggedIn) return;
    if (this.isQuitting) return;
    this.pending = 'login';
    this.connect();
  }

  /** Says goodbye to the server and stops reconnecting. */
  quit(): void {
    this.isQuitting = true;
    this.clearRetry();
    if (this.link.kind === 'online') {
      this.connection?.send(MessageType.Leave);
    }
    this.connection?.close();
    this.connection = null;
  }

  private connect(): void {
    this.clearRetry();
    this.connection?.removeAllListeners();
    this.connection?.close();
    const connection = new Connection(this.options);
    this.connection = connection;
    this.closingReason = null;
    this.setLink({ kind: 'connecting' });

    connection.on('open', () => {
      if (this.pending) this.sendAuth(this.pending);
    });
    connection.on('message', (frame) => this.receive(frame));
    connection.on('notice', (text) => this.emit('notice', text));
    connection.on('close', (reason, isFinal) => {
      if (this.connection === connection) this.lost(reason, isFinal);
    });
    connection.open();
  }

  private sendAuth(mode: AuthMode): void {
    const { name, password } = this.credentials!;
    const type = mode === 'register' ? MessageType.Register : MessageType.Login;
    this.connection?.send(type, {
      Sender: name,
      Content: password,
      Version: PROTOCOL_VERSION,
    });
  }

  private receive(frame: Message): void {
    if (frame.Type === MessageType.Heartbeat) return;
    if (frame.Type === MessageType.Register && this.pending) {
      this.answer(frame);
      return;
    }
    // The server's sentence would repeat the lost connection's notice.
    if (frame.Code === 'SESSION_REPLACED') {
      this.isRetryBlocked = true;
      this.closingReason = REPLACED_REASON;
      return;
    }
    if (frame.Code === 'SERVER_SHUTDOWN') {
      this.closingReason = SHUTDOWN_REASON;
      return;
    }
    if (this.link.kind === 'online') this.emit('message', frame);
  }

  private answer(frame: Message): void {
    const mode = this.pending;
    if (frame.Content !== OK) {
      const reason = frame.Content || 'The server refused the login.';
      this.pending = null;
      if (!this.hasLoggedIn) {
        this.hangUp();
        this.emit('refused', reason);
        return;
      }
      if (frame.Code && PASSING_REFUSALS.has(frame.Code)) {
        // Told once: the retries that follow show in the status line.
        if (!this.isWaitingOutRefusal) this.emit('refused', reason);
        this.isWaitingOutRefusal = true;
        this.dropConnection();
        this.retryLater(reason);
      } else {
        this.emit('refused', reason);
        this.stopRetrying(reason);
      }
      return;
    }
    if (mode === 'register') {
      this.pending = 'login';
      this.sendAuth('login');
      return;
    }
    this.pending = null;
    this.attempt = 0;
    this.isRetryBlocked = false;
    this.isWaitingOutRefusal = false;
    const isRelogin = this.hasLoggedIn;
    this.hasLoggedIn = true;
    this.setLink({ kind: 'online' });
    this.emit('loggedIn', frame.Sender || this.credentials!.name, isRelogin);
  }

  /** A lost link is retried with backoff unless retrying cannot help. */
  private lost(reason: string, isFinal: boolean): void {
    this.connection = null;
    const why = this.closingReason ?? reason;
    this.closingReason = null;
    const isHopeless = this.isQuitting || this.isRetryBlocked || isFinal;
    if (!this.hasLoggedIn || isHopeless) {
      this.setLink({ kind: 'offline', reason: why, retryAt: null });
      return;
    }
    this.retryLater(why);
  }

  /** Logs in again on a new connection after the next backoff delay. */
  private retryLater(reason: string): void {
    const delays = this.options.retryDelaysMs ?? DEFAULT_RETRY_DELAYS;
    const delay = delays[Math.min(this.attempt, delays.length - 1)]!;
    this.attempt += 1;
    this.pending = 'login';
    this.retryTimer = setTimeout(() => this.connect(), delay);
    this.retryTimer.unref();
    this.setLink({ kind: 'offline', reason, retryAt: Date.now() + delay });
  }

  /**
   * Drops the connection without a word after a refused first login: the
   * server closes a connection that does not log in within 15 s, and the
   * user may take longer to retype. The next attempt connects afresh.
   */
  private hangUp(): void {
    this.dropConnection();
    this.setLink({ kind: 'idle' });
  }

  /** Closes the connection without reporting its close as a lost link. */
  private dropConnection(): void {
    const connection = this.connection;
    this.connection = null;
    connection?.removeAllListeners();
    connection?.close();
  }

  private stopRetrying(reason: string): void {
    this.isRetryBlocked = true;
    this.clearRetry();
    this.connection?.close();
    this.setLink({ kind: 'offline', reason, retryAt: null });
  }

  private clearRetry(): void {
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.retryTimer = null;
  }

  private setLink(link: LinkState): void {
    this.link = link;
    this.emit('link', link);
  }
}
