/**
 * Random and mutated frames for the fuzz test, from a seeded generator
 * so a failing run can be replayed. Mutations start from the original
 * client's frames (test/fixtures/legacy-client-frames.jsonl).
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const FIXTURES = fileURLToPath(
  new URL('../fixtures/legacy-client-frames.jsonl', import.meta.url),
);

/** The fixture frame bodies, as the original client sends them. */
export const FIXTURE_BODIES: string[] = readFileSync(FIXTURES, 'utf8')
  .split('\n')
  .filter((line) => line.trim() !== '')
  .map((line) => (JSON.parse(line) as { body: string }).body);

/** A small fast seeded PRNG (mulberry32): returns floats in [0, 1). */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Length prefix plus body, the length telling the truth. */
export function framed(body: Buffer | string): Buffer {
  const bytes = typeof body === 'string' ? Buffer.from(body, 'utf8') : body;
  const header = Buffer.alloc(4);
  header.writeUInt32BE(bytes.length, 0);
  return Buffer.concat([header, bytes]);
}

function header(length: number): Buffer {
  const bytes = Buffer.alloc(4);
  bytes.writeUInt32BE(length >>> 0, 0);
  return bytes;
}

/** The fixtures but `leave`, which ends the connection by design. */
const STAYING_BODIES = FIXTURE_BODIES.filter(
  (body) => (JSON.parse(body) as { Type: number }).Type !== 2,
);

const KEYS = ['Type', 'Sender', 'Receiver', 'Content', 'Version', 'Action'];
const STRANGE_TEXT = [
  '\ud800',
  '\udfff lone',
  '\u0000\u0001\u001b[31m',
  '\u202eevil\u202c',
  '\u200b',
  'a'.repeat(60_000),
  '😀'.repeat(3000),
  '',
  ' ',
  '-->',
  'To:bob-->x',
  '\r\n',
];

/** One generator of frames; `next` returns the bytes of one attempt. */
export class FrameFuzzer {
  readonly random: () => number;

  constructor(seed: number) {
    this.random = seededRandom(seed);
  }

  /** A random whole number in [0, max). */
  int(max: number): number {
    return Math.floor(this.random() * max);
  }

  pick<T>(items: readonly T[]): T {
    return items[this.int(items.length)]!;
  }

  /** A random JSON value, nested at most `depth` levels. */
  jsonValue(depth = 3): unknown {
    const kind = this.int(depth > 0 ? 9 : 6);
    switch (kind) {
      case 0:
        return null;
      case 1:
        return this.random() < 0.5;
      case 2:
        return this.pick([0, -1, 1.5, 2 ** 53, -(2 ** 31), 1e308, 7, 8]);
      case 3:
        return this.pick(STRANGE_TEXT);
      case 4:
        return this.random()
          .toString(36)
          .slice(2, 2 + this.int(12));
      case 5:
        return this.int(10);
      case 6:
        return Array.from({ length: this.int(5) }, () =>
          this.jsonValue(depth - 1),
        );
      default: {
        const object: Record<string, unknown> = {};
        for (let i = this.int(6); i > 0; i--) {
          const key =
            this.random() < 0.6 ? this.pick(KEYS) : `k${this.int(99)}`;
          object[key] = this.jsonValue(depth - 1);
        }
        return object;
      }
    }
  }

  /**
   * The bytes of one fuzz frame the server must answer and survive
   * without closing the connection (bad JSON, wrong types, mutations).
   */
  next(): Buffer {
    const base = this.pick(STAYING_BODIES);
    const roll = this.int(100);
    if (roll < 12) return framed(base);
    if (roll < 32) return framed(this.flipBits(Buffer.from(base, 'utf8')));
    if (roll < 44) {
      const bytes = Buffer.from(base, 'utf8');
      return framed(bytes.subarray(0, 1 + this.int(bytes.length - 1)));
    }
    if (roll < 62) return framed(this.wrongType(base));
    if (roll < 68) return framed(this.prototypeKey(base));
    if (roll < 82) return framed(JSON.stringify(this.jsonValue()));
    if (roll < 88) {
      const bytes = Buffer.alloc(1 + this.int(200));
      for (let i = 0; i < bytes.length; i++) bytes[i] = this.int(256);
      return framed(bytes);
    }
    if (roll < 92) {
      const depth = 1 + this.int(5000);
      const open = this.random() < 0.5 ? '[' : '{"a":';
      const close = open === '[' ? ']' : '}';
      return framed(open.repeat(depth) + '1' + close.repeat(depth));
    }
    return framed(this.strangeText(base));
  }

  /**
   * The bytes of a framing violation after which the server closes the
   * connection: a huge or zero length, a length that lies about the
   * body (so the next bytes are read as garbage), or a leave.
   */
  nextClosing(): Buffer {
    const roll = this.int(4);
    if (roll === 3) return framed('{"Type":2,"Conn":null}');
    if (roll === 0) {
      return header(this.pick([0xffffffff, 65537, 2 ** 31, 16 * 1024 * 1024]));
    }
    if (roll === 1) return header(0);
    const bytes = Buffer.from(this.pick(FIXTURE_BODIES), 'utf8');
    const lie = header(bytes.length + 1 + this.int(40));
    return Buffer.concat([lie, bytes, header(0xfffffff0), Buffer.alloc(64)]);
  }

  private flipBits(bytes: Buffer): Buffer {
    const copy = Buffer.from(bytes);
    for (let flips = 1 + this.int(4); flips > 0; flips--) {
      const index = this.int(copy.length);
      copy[index]! ^= 1 << this.int(8);
    }
    return copy;
  }

  private wrongType(base: string): string {
    const object = JSON.parse(base) as Record<string, unknown>;
    object[this.pick(KEYS)] = this.jsonValue(2);
    return JSON.stringify(object);
  }

  private prototypeKey(base: string): string {
    const key = this.pick(['__proto__', 'constructor', 'prototype']);
    const inner = key === 'constructor' ? '{"prototype":{"x":1}}' : '{"x":1}';
    return base.replace('{', `{"${key}":${inner},`);
  }

  private strangeText(base: string): string {
    const object = JSON.parse(base) as Record<string, unknown>;
    object[this.pick(['Sender', 'Receiver', 'Content'])] =
      this.pick(STRANGE_TEXT);
    return JSON.stringify(object);
  }
}
