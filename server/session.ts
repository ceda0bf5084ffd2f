/**
 * One connection: it decodes frames, queues them for the dispatcher one
 * at a time (so a user's messages keep their order), keeps the idle,
 * login and frame deadlines, and tears everything down exactly once.
 */
import type { Duplex } from 'node:stream';
import { ERRORS, type ErrorCode } from '../shared/errors.ts';
import { encodeFrame, FrameDecoder, FrameError } from '../shared/frame.ts';
import type { Message } from '../shared/protocol.ts';
import type { Config } from './config.ts';
import { setDeadline } from './deadline.ts';
import { eventFrame } from './frames.ts';
import type { Logger } from './logger.ts';
import { Outbox } from './outbox.ts';
import type { User } from './store/types.ts';

/** Frames waiting for the dispatcher before reading pauses. */
const PAUSE_AT = 64;
const RESUME_AT = 8;

/**
 * Frames one session handles back to back before it lets the event loop
 * turn: a client that sends thousands at once must not hold up the
 * others' reads and writes until it is done.
 */
const FRAMES_PER_TURN = 32;

const ZERO_LENGTH =
  'A frame of length 0 is not allowed; the connection is closed.';

export interface SessionOptions {
  id: number;
  stream: Duplex;
  remoteAddress: string;
  config: Config;
  log: Logger;
  /** Handles one frame body; the session awaits it before the next. */
  onFrame: (session: Session, body: string) => Promise<void>;
  /** Called once when the session is gone, however it ended. */
  onClose: (session: Session) => void;
}

/** A connected client; see the module comment. */
export class Session {
  readonly id: number;
  readonly remoteAddress: string;
  log: Logger;
  /** The account once logged in; null before. */
  user: User | null = null;
  /** The protocol version announced at login; 0 for original clients. */
  version = 0;
  /** Resolves when the stream has closed. */
  readonly closed: Promise<void>;

  private readonly stream: Duplex;
  private readonly outbox: Outbox;
  private readonly decoder: FrameDecoder;
  private readonly options: SessionOptions;
  private chain: Promise<void> = Promise.resolve();
  private queued = 0;
  private handled = 0;
  /** Whole frames received so far: what the deadlines count as life. */
  private heard = 0;
  /** Reads `heard`, for each deadline to see whether frames came. */
  private readonly progress = (): number => this.heard;
  private isReading = true;
  private isClosing = false;
  /** Set when we end the connection: frames still queued are dropped. */
  private isDiscarding = false;
  private isTornDown = false;
  private readonly idleTimer: NodeJS.Timeout;
  /** Live frames held back while history is replayed; null when not. */
  private held: Array<{ frame: Buffer; id?: string }> | null = null;
  private loginTimer: NodeJS.Timeout | undefined;
  private frameTimer: NodeJS.Timeout | undefined;

  constructor(options: SessionOptions) {
    this.options = options;
    this.id = options.id;
    this.remoteAddress = options.remoteAddress;
    this.log = options.log;
    this.stream = options.stream;
    this.decoder = new FrameDecoder(options.config.maxFrameBytes);
    this.outbox = new Outbox(this.stream, {
      maxBytes: options.config.maxOutboxBytes,
      onOverflow: () => this.dropSlowConsumer(),
    });

    const { idleTimeoutMs, loginTimeoutMs } = options.config;
    // A frame that came in refreshed the idle timer: nothing to spare.
    this.idleTimer = setDeadline(idleTimeoutMs, this.progress, {
      expired: () => this.expire('IDLE_TIMEOUT'),
    });
    this.loginTimer = setDeadline(loginTimeoutMs, this.progress, {
      expired: () => this.expire('LOGIN_TIMEOUT'),
      spared: () => this.expireUnlessLoggedIn(),
    });

    this.closed = new Promise((resolve) => this.stream.once('close', resolve));
    this.stream.on('data', (chunk: Buffer) => this.receive(chunk));
    this.stream.on('error', (error: NodeJS.ErrnoException) =>
      this.log.info({ err: error.code ?? error.message }, 'socket error'),
    );
    // The peer hung up or half-closed: what it sent before still counts.
    this.stream.on('end', () => {
      this.isReading = false;
      void this.settled().then(() => this.close());
    });
    this.stream.on('close', () => this.teardown());
  }

  /** Frames handed to the dispatcher so far, for the closing log line. */
  get framesHandled(): number {
    return this.handled;
  }

  /** True until the connection starts closing. */
  get isOpen(): boolean {
    return !this.isClosing;
  }

  /** True once logged in and not yet closing. */
  get isActive(): boolean {
    return this.user !== null && !this.isClosing;
  }

  /** Marks the session as logged in as `user`. */
  signIn(user: User, version: number): void {
    this.user = user;
    this.version = version;
    clearTimeout(this.loginTimer);
    this.loginTimer = undefined;
    this.log = this.log.child({ user: user.name });
  }

  /** Sends one message to this client alone. */
  send(message: Message): void {
    this.outbox.send(encodeFrame(message));
  }

  /**
   * Sends an already encoded fan-out frame (encoded once for everyone).
   * `id` is the history id it carries, if any, for `releaseDelivery`.
   */
  sendFrame(frame: Buffer, id?: string): void {
    if (this.isClosing) return;
    if (this.held) this.held.push({ frame, id });
    else this.outbox.send(frame);
  }

  /** Holds fan-out frames back until `releaseDelivery`. */
  holdDelivery(): void {
    this.held ??= [];
  }

  /** Sends the held frames, skipping those whose id was already sent. */
  releaseDelivery(sentIds: ReadonlySet<string>): void {
    const held = this.held ?? [];
    this.held = null;
    for (const { frame, id } of held) {
      if (id === undefined || !sentIds.has(id)) this.sendFrame(frame);
    }
  }

  /**
   * Sends a refusal as a chat frame with Event "error": `text` instead of
   * the code's sentence, and `ref`, the Ref of the frame it answers.
   */
  sendError(
    code: ErrorCode,
    { text = ERRORS[code], ref }: { text?: string; ref?: string } = {},
  ): void {
    this.send(eventFrame(code, 'error', text, ref));
  }

  /**
   * Ends the connection, optionally telling the client why first; frames
   * not yet handled are dropped. The socket drains in the background.
   */
  close(
    code?: ErrorCode,
    event: 'error' | 'notice' = 'error',
    text?: string,
  ): void {
    if (this.isClosing) return;
    this.isClosing = true;
    this.isDiscarding = true;
    this.isReading = false;
    const last = code ? encodeFrame(eventFrame(code, event, text)) : undefined;
    this.outbox.close(last);
    this.teardown();
  }

  /** Stops taking new frames; those already received still run. */
  stopReading(): void {
    this.isReading = false;
  }

  /** Resolves once every frame received so far has been handled. */
  async settled(): Promise<void> {
    for (;;) {
      const current = this.chain;
      await current;
      if (current === this.chain) return;
    }
  }

  private receive(chunk: Buffer): void {
    if (!this.isReading) return;
    let bodies: string[];
    try {
      bodies = this.decoder.push(chunk);
    } catch (error) {
      if (!(error instanceof FrameError)) throw error;
      this.log.warn({ length: error.length }, 'bad frame length');
      this.refuseFraming(error);
      return;
    }
    this.watchFrameDeadline();
    for (const body of bodies) this.enqueue(body);
  }

  // Whole frames before the bad prefix are handled first, as they would
  // be had they come in a chunk of their own; then the connection closes.
  private refuseFraming(error: FrameError): void {
    this.isReading = false;
    for (const body of error.completed) this.enqueue(body);
    void this.settled().then(() => {
      if (error.length === 0) this.close('BAD_FRAME', 'error', ZERO_LENGTH);
      else this.close('FRAME_TOO_LARGE');
    });
  }

  private enqueue(body: string): void {
    this.heard += 1;
    this.idleTimer.refresh();
    this.queued += 1;
    if (this.queued === PAUSE_AT) this.stream.pause();
    this.chain = this.chain
      .then(async () => {
        if (this.isDiscarding) return;
        this.handled += 1;
        await this.options.onFrame(this, body);
        if (this.handled % FRAMES_PER_TURN === 0) await nextTurn();
      })
      .catch((error: unknown) =>
        this.log.error({ err: error }, 'frame handler failed'),
      )
      .finally(() => {
        this.queued -= 1;
        if (this.queued === RESUME_AT && this.stream.isPaused())
          this.stream.resume();
      });
  }

  // A frame that starts must finish within the deadline (slowloris).
  private watchFrameDeadline(): void {
    if (!this.decoder.isMidFrame) {
      clearTimeout(this.frameTimer);
      this.frameTimer = undefined;
    } else if (!this.frameTimer) {
      const timer = setDeadline(
        this.options.config.frameTimeoutMs,
        this.progress,
        {
          expired: () => this.missFrameDeadline(),
          spared: () => this.restartFrameDeadline(timer),
        },
      );
      this.frameTimer = timer;
    }
  }

  private missFrameDeadline(): void {
    if (this.isClosing) return;
    this.log.warn({ pending: this.decoder.pendingBytes }, 'frame deadline');
    this.close(
      'BAD_FRAME',
      'error',
      'That frame did not arrive in time; the connection is closed.',
    );
  }

  // The late frame did arrive; a frame begun after it gets a deadline of
  // its own, unless receiving already cleared or replaced `timer`.
  private restartFrameDeadline(timer: NodeJS.Timeout): void {
    if (this.frameTimer !== timer || this.isClosing) return;
    this.frameTimer = undefined;
    this.watchFrameDeadline();
  }

  // Frames that waited in the socket buffer past the login deadline (a
  // login among them) are answered before the deadline is judged.
  private expireUnlessLoggedIn(): void {
    void this.chain.then(() => {
      if (this.user === null) this.expire('LOGIN_TIMEOUT');
    });
  }

  private expire(code: 'IDLE_TIMEOUT' | 'LOGIN_TIMEOUT'): void {
    if (this.isClosing) return;
    this.log.info({ code }, 'connection timed out');
    this.close(code);
  }

  private dropSlowConsumer(): void {
    this.log.warn({ code: 'SLOW_CONSUMER' }, 'slow consumer dropped');
    this.isDiscarding = true;
    this.teardown();
  }

  private teardown(): void {
    if (this.isTornDown) return;
    this.isTornDown = true;
    this.isClosing = true;
    this.isReading = false;
    clearTimeout(this.idleTimer);
    clearTimeout(this.loginTimer);
    clearTimeout(this.frameTimer);
    // Frames received before the end are still handled (a chat line sent
    // just before hanging up is delivered), then the hub lets go.
    void this.settled().then(() => this.options.onClose(this));
  }
}

function nextTurn(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}
