/**
 * The wire framing: a 4-byte unsigned big-endian length, then that many
 * bytes of UTF-8 JSON. Shared by the server's sessions and the client.
 */

export const HEADER_BYTES = 4;

/** The largest frame body accepted unless configured otherwise: 64 KiB. */
export const DEFAULT_MAX_FRAME_BYTES = 64 * 1024;

/** Raised when a length prefix breaks the framing rules. */
export class FrameError extends Error {
  constructor(
    message: string,
    readonly length: number,
    /** Bodies the same chunk completed before the bad prefix. */
    readonly completed: readonly string[] = [],
  ) {
    super(message);
    this.name = 'FrameError';
  }
}

/** Serialises one message into a length-prefixed frame. */
export function encodeFrame(message: unknown): Buffer {
  const body = Buffer.from(JSON.stringify(message), 'utf8');
  const frame = Buffer.allocUnsafe(HEADER_BYTES + body.length);
  frame.writeUInt32BE(body.length, 0);
  body.copy(frame, HEADER_BYTES);
  return frame;
}

/**
 * Turns a stream of chunks back into frame bodies. Chunks may split a
 * frame anywhere, including inside the header or a multi-byte character:
 * bytes are only decoded once a whole body has arrived.
 */
export class FrameDecoder {
  private chunks: Buffer[] = [];
  private buffered = 0;
  private expected = -1;

  constructor(readonly maxFrameBytes = DEFAULT_MAX_FRAME_BYTES) {}

  /** Bytes received that do not yet form a whole frame. */
  get pendingBytes(): number {
    return this.buffered;
  }

  /** True while a frame has begun but not finished arriving. */
  get isMidFrame(): boolean {
    return this.buffered > 0;
  }

  /**
   * Adds a chunk and returns the bodies it completed, as UTF-8 text.
   * Throws a FrameError, before buffering the body, when a length prefix
   * is 0 or above the maximum; the bodies completed before it ride on
   * the error, so a reader can still handle what was framed correctly.
   */
  push(chunk: Buffer): string[] {
    if (chunk.length > 0) {
      this.chunks.push(chunk);
      this.buffered += chunk.length;
    }

    const bodies: string[] = [];
    for (;;) {
      if (this.expected < 0) {
        if (this.buffered < HEADER_BYTES) break;
        const length = this.take(HEADER_BYTES).readUInt32BE(0);
        const problem = lengthProblem(length, this.maxFrameBytes);
        if (problem) throw new FrameError(problem, length, bodies);
        this.expected = length;
      }
      if (this.buffered < this.expected) break;
      bodies.push(this.take(this.expected).toString('utf8'));
      this.expected = -1;
    }
    return bodies;
  }

  private take(count: number): Buffer {
    const joined =
      this.chunks.length === 1 ? this.chunks[0]! : Buffer.concat(this.chunks);
    const taken = joined.subarray(0, count);
    const rest = joined.subarray(count);
    this.chunks = rest.length > 0 ? [rest] : [];
    this.buffered = rest.length;
    return taken;
  }
}

function lengthProblem(length: number, maxFrameBytes: number): string | null {
  if (length === 0) return 'frame length is 0';
  if (length > maxFrameBytes) {
    return `frame length ${length} exceeds the maximum of ${maxFrameBytes} bytes`;
  }
  return null;
}
