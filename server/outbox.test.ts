import { Duplex } from 'node:stream';
import { describe, expect, it, vi } from 'vitest';
import { Outbox } from './outbox.ts';

/** A duplex that records writes; `stall` keeps its writes unfinished. */
class RecordingStream extends Duplex {
  readonly batches: Buffer[][] = [];

  constructor(private readonly stall = false) {
    super({ highWaterMark: 1024 });
  }

  override _read(): void {}

  override _write(chunk: Buffer, _: BufferEncoding, done: () => void): void {
    this.batches.push([chunk]);
    if (!this.stall) done();
  }

  override _writev(chunks: Array<{ chunk: Buffer }>, done: () => void): void {
    this.batches.push(chunks.map((entry) => entry.chunk));
    if (!this.stall) done();
  }
}

const turn = () => new Promise((resolve) => setImmediate(resolve));

describe('Outbox', () => {
  it('writes everything queued in one event-loop turn as one batch', async () => {
    const stream = new RecordingStream();
    const outbox = new Outbox(stream, {
      maxBytes: 1 << 20,
      onOverflow: vi.fn(),
    });
    const frames = [Buffer.from('a'), Buffer.from('b'), Buffer.from('c')];

    for (const frame of frames) outbox.send(frame);
    expect(stream.batches).toEqual([]);
    await turn();

    expect(stream.batches).toEqual([frames]);
  });

  it('writes at once when a long turn has queued 64 KiB', () => {
    const stream = new RecordingStream();
    const onOverflow = vi.fn();
    const outbox = new Outbox(stream, { maxBytes: 100 * 1024, onOverflow });
    const frame = Buffer.alloc(1024);

    // 300 KiB in one turn: more than the limit, but never 64 KiB held.
    for (let i = 0; i < 300; i++) outbox.send(frame);

    expect(onOverflow).not.toHaveBeenCalled();
    expect(stream.batches.flat()).toHaveLength(256);
    expect(stream.batches[0]).toHaveLength(64);
  });

  it('queues the very same Buffer for every recipient', async () => {
    const streams = [new RecordingStream(), new RecordingStream()];
    const outboxes = streams.map(
      (stream) =>
        new Outbox(stream, { maxBytes: 1 << 20, onOverflow: vi.fn() }),
    );
    const frame = Buffer.from('shared');

    for (const outbox of outboxes) outbox.send(frame);
    await turn();

    for (const stream of streams) expect(stream.batches[0]![0]).toBe(frame);
  });

  it('drops a stream that lets unsent bytes pass the limit and reports it once', async () => {
    const stream = new RecordingStream(true);
    const onOverflow = vi.fn();
    const outbox = new Outbox(stream, { maxBytes: 4096, onOverflow });

    for (let i = 0; i < 10; i += 1) {
      outbox.send(Buffer.alloc(1000));
      await turn();
    }

    expect(onOverflow).toHaveBeenCalledTimes(1);
    expect(stream.destroyed).toBe(true);
    expect(outbox.isOpen).toBe(false);
  });

  it('sends the last frame on close, then ends the stream', async () => {
    const stream = new RecordingStream();
    const outbox = new Outbox(stream, {
      maxBytes: 1 << 20,
      onOverflow: vi.fn(),
    });
    const finished = new Promise((resolve) => stream.once('finish', resolve));

    outbox.send(Buffer.from('queued'));
    outbox.close(Buffer.from('bye'));
    outbox.send(Buffer.from('too late'));
    await finished;

    expect(stream.batches.flat().map(String)).toEqual(['queued', 'bye']);
  });
});
