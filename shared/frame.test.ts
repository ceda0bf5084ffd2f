import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  DEFAULT_MAX_FRAME_BYTES,
  encodeFrame,
  FrameDecoder,
  FrameError,
} from './frame.ts';

const chat = {
  Type: 3,
  Sender: '小明',
  Receiver: '',
  Content: 'hello 你好 😀 <b>&</b>',
};

function header(length: number): Buffer {
  const bytes = Buffer.alloc(4);
  bytes.writeUInt32BE(length, 0);
  return bytes;
}

describe('encodeFrame', () => {
  it('prefixes the UTF-8 body with its byte length, big-endian', () => {
    const frame = encodeFrame(chat);
    const body = Buffer.from(JSON.stringify(chat), 'utf8');

    expect(frame.readUInt32BE(0)).toBe(body.length);
    expect(frame.subarray(4).equals(body)).toBe(true);
  });
});

describe('FrameDecoder', () => {
  it('decodes a frame split at every possible offset', () => {
    const frame = encodeFrame(chat);

    for (let split = 0; split <= frame.length; split++) {
      const decoder = new FrameDecoder();
      const bodies = [
        ...decoder.push(frame.subarray(0, split)),
        ...decoder.push(frame.subarray(split)),
      ];

      expect(bodies.map((body) => JSON.parse(body))).toEqual([chat]);
      expect(decoder.pendingBytes).toBe(0);
    }
  });

  it('decodes a frame delivered one byte at a time', () => {
    const frame = encodeFrame(chat);
    const decoder = new FrameDecoder();
    const bodies: string[] = [];

    for (const byte of frame) bodies.push(...decoder.push(Buffer.of(byte)));

    expect(bodies.map((body) => JSON.parse(body))).toEqual([chat]);
  });

  it('decodes several frames that arrive in one chunk', () => {
    const messages = [chat, { ...chat, Content: 'second' }, { Type: 5 }];
    const chunk = Buffer.concat(messages.map(encodeFrame));

    const bodies = new FrameDecoder().push(chunk);

    expect(bodies.map((body) => JSON.parse(body))).toEqual(messages);
  });

  it('keeps a multi-byte character whole when a chunk splits it', () => {
    const frame = encodeFrame({ Content: '你' });
    const inside = frame.indexOf(Buffer.from('你')) + 1;
    const decoder = new FrameDecoder();

    expect(decoder.push(frame.subarray(0, inside))).toEqual([]);
    const [body] = decoder.push(frame.subarray(inside));

    expect(JSON.parse(body!).Content).toBe('你');
  });

  it('keeps the start of the next frame after a completed one', () => {
    const first = encodeFrame(chat);
    const second = encodeFrame({ Type: 7 });
    const decoder = new FrameDecoder();

    const bodies = decoder.push(Buffer.concat([first, second.subarray(0, 3)]));
    expect(bodies).toHaveLength(1);
    expect(decoder.isMidFrame).toBe(true);

    expect(decoder.push(second.subarray(3))).toEqual(['{"Type":7}']);
  });

  it('refuses an oversized length as soon as the header arrives', () => {
    const decoder = new FrameDecoder();

    expect(() => decoder.push(header(0xffffffff))).toThrow(FrameError);
    expect(() =>
      new FrameDecoder().push(header(DEFAULT_MAX_FRAME_BYTES + 1)),
    ).toThrow(/exceeds the maximum of 65536 bytes/);
  });

  it('accepts a frame of exactly the maximum size', () => {
    const decoder = new FrameDecoder(16);
    const body = Buffer.from('"0123456789abcd"');

    expect(decoder.push(Buffer.concat([header(16), body]))).toHaveLength(1);
  });

  it('refuses a zero length', () => {
    expect(() => new FrameDecoder().push(header(0))).toThrow(/length is 0/);
  });

  it('hands over the frames that came whole before a bad length', () => {
    const chunk = Buffer.concat([
      encodeFrame({ Type: 3, Content: 'first' }),
      encodeFrame({ Type: 5 }),
      header(0),
      encodeFrame({ Type: 3, Content: 'after' }),
    ]);
    let refusal: unknown;
    try {
      new FrameDecoder().push(chunk);
    } catch (error) {
      refusal = error;
    }

    expect(refusal).toBeInstanceOf(FrameError);
    expect((refusal as FrameError).completed).toEqual([
      '{"Type":3,"Content":"first"}',
      '{"Type":5}',
    ]);
  });

  it('returns whatever frames were encoded, however the stream is cut', () => {
    const textArb = fc.string({ unit: 'grapheme', maxLength: 40 });
    fc.assert(
      fc.property(
        fc.array(textArb, { minLength: 1, maxLength: 8 }),
        fc.array(fc.nat(), { maxLength: 10 }),
        (texts, cuts) => {
          const stream = Buffer.concat(
            texts.map((Content) => encodeFrame({ Content })),
          );
          const offsets = [
            ...new Set(cuts.map((cut) => cut % (stream.length + 1))),
          ].sort((a, b) => a - b);
          const decoder = new FrameDecoder();
          const bodies: string[] = [];
          let start = 0;
          for (const offset of [...offsets, stream.length]) {
            bodies.push(...decoder.push(stream.subarray(start, offset)));
            start = offset;
          }

          expect(bodies.map((body) => JSON.parse(body).Content)).toEqual(texts);
        },
      ),
    );
  });

  it('never throws anything but a FrameError on random bytes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), (bytes) => {
        const decoder = new FrameDecoder(128);
        try {
          for (const body of decoder.push(Buffer.from(bytes))) {
            expect(typeof body).toBe('string');
          }
        } catch (error) {
          expect(error).toBeInstanceOf(FrameError);
        }
      }),
    );
  });
});
