/**
 * The one place that writes to client sockets. Frames queue per socket and
 * go out together once per event-loop turn (cork, write each, uncork: one
 * writev), so a burst of fan-out costs one syscall per socket, not one per
 * message. A socket that lets too many bytes pile up is dropped as slow.
 */
import type { Duplex } from 'node:stream';

/** How long a closing socket may take to drain before it is destroyed. */
const CLOSE_GRACE_MS = 2000;

/**
 * Queued bytes that go out at once instead of at the end of the turn: a
 * long turn (a burst of frames handled back to back) must not hold back
 * enough to pass a reader's limit that the reader never saw coming.
 */
const FLUSH_AT_BYTES = 64 * 1024;

const dirty = new Set<Outbox>();
let scheduled = false;

function scheduleFlush(outbox: Outbox): void {
  dirty.add(outbox);
  if (scheduled) return;
  scheduled = true;
  setImmediate(flushAll);
}

function flushAll(): void {
  scheduled = false;
  const batch = [...dirty];
  dirty.clear();
  for (const outbox of batch) outbox.flush();
}

export interface OutboxOptions {
  /** Unsent bytes (queued here plus the stream's buffer) allowed. */
  maxBytes: number;
  /** Called once when the limit is passed; the outbox is then closed. */
  onOverflow: () => void;
}

/** Per-socket write queue; see the module comment. */
export class Outbox {
  private pending: Buffer[] = [];
  private pendingBytes = 0;
  private closed = false;

  constructor(
    private readonly stream: Duplex,
    private readonly options: OutboxOptions,
  ) {}

  /** True until the outbox is closed, destroyed or overflowed. */
  get isOpen(): boolean {
    return !this.closed && !this.stream.destroyed;
  }

  /** Queues an encoded frame; the same Buffer may go to many outboxes. */
  send(frame: Buffer): void {
    if (!this.isOpen) return;
    const unsent = this.stream.writableLength + this.pendingBytes;
    if (unsent + frame.length > this.options.maxBytes) {
      this.destroy();
      this.options.onOverflow();
      return;
    }
    this.pending.push(frame);
    this.pendingBytes += frame.length;
    if (this.pendingBytes >= FLUSH_AT_BYTES) this.flush();
    else scheduleFlush(this);
  }

  /** Writes everything queued now; normally called by the scheduler. */
  flush(): void {
    if (this.pending.length === 0 || this.stream.destroyed) return;
    const frames = this.pending;
    this.pending = [];
    this.pendingBytes = 0;
    if (this.stream.writableEnded) return;
    this.stream.cork();
    for (const frame of frames) this.stream.write(frame);
    this.stream.uncork();
  }

  /**
   * Sends what is queued plus an optional last frame, then ends the
   * stream. A peer that does not read it within a grace period is cut.
   */
  close(lastFrame?: Buffer): void {
    if (!this.isOpen) return;
    if (lastFrame) {
      this.pending.push(lastFrame);
      this.pendingBytes += lastFrame.length;
    }
    this.flush();
    this.closed = true;
    dirty.delete(this);
    const stream = this.stream;
    const timer = setTimeout(() => stream.destroy(), CLOSE_GRACE_MS);
    timer.unref();
    stream.once('close', () => clearTimeout(timer));
    stream.end(() => stream.destroy());
  }

  /** Drops anything queued and tears the stream down at once. */
  destroy(): void {
    this.closed = true;
    this.pending = [];
    this.pendingBytes = 0;
    dirty.delete(this);
    this.stream.destroy();
  }
}
