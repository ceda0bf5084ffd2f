import fc from 'fast-check';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { graphemesAfter, graphemesBefore } from './nearby-graphemes.ts';

afterEach(() => vi.restoreAllMocks());

const segmenter = new Intl.Segmenter(undefined, { granularity: 'grapheme' });

/** Every grapheme of text in one pass, as the segmenter gives them. */
function reference(text: string) {
  return [...segmenter.segment(text)].map(({ segment, index }) => ({
    text: segment,
    index,
  }));
}

/** Code points whose grapheme rules look across their neighbours. */
const PIECES = [
  ...['a', ' ', ',', '\t', '\r', '\n', 'é', '你', 'ア', '한', 'д', '😀'],
  ...['\u1100', '\u1161', '\u11a8', '\u200d', '\ufe0f', '\u{1f3fd}'],
  ...['\u{1f1ef}', '\u{1f1f5}', '\u0301', 'क', '\u094d', 'ष', '\u0600'],
  ...['\u0e33', '\u{e0067}', '\u{e007f}', '👩', '\u{1f3f4}'],
];
/** Runs of those, long enough to cross the pieces segmented at a time. */
const tricky = fc
  .array(fc.tuple(fc.constantFrom(...PIECES), fc.integer({ min: 1, max: 6 })), {
    maxLength: 60,
    size: 'max',
  })
  .map((runs) => runs.map(([piece, count]) => piece.repeat(count)).join(''));

const first = <T>(items: Iterable<T>, count: number): T[] => {
  const out: T[] = [];
  for (const item of items) {
    if (out.length === count) break;
    out.push(item);
  }
  return out;
};

describe('graphemes near an offset', () => {
  it('finds the same graphemes on both sides as segmenting the whole text', () => {
    fc.assert(
      fc.property(tricky, (text) => {
        const all = reference(text);
        for (let offset = 0; offset <= text.length; offset += 1) {
          const after = all.filter((part) => part.index >= offset);
          const before = all.filter((part) => part.index < offset).reverse();
          expect(first(graphemesAfter(text, offset), 3)).toEqual(
            after.slice(0, 3),
          );
          expect(first(graphemesBefore(text, offset), 3)).toEqual(
            before.slice(0, 3),
          );
        }
        expect([...graphemesBefore(text, text.length)]).toEqual(all.reverse());
      }),
      { numRuns: 30 },
    );
  });

  it('segments only a short stretch of a megabyte line around the offset', () => {
    const text = '你好 world 😀👩‍👩‍👧 '.repeat(60_000);
    const segment = vi.spyOn(Intl.Segmenter.prototype, 'segment');
    const middle = text.indexOf('w', text.length / 2);
    expect(first(graphemesBefore(text, middle), 3).map((p) => p.text)).toEqual([
      ' ',
      '好',
      '你',
    ]);
    expect(first(graphemesAfter(text, middle), 3).map((p) => p.text)).toEqual([
      'w',
      'o',
      'r',
    ]);
    const segmented = segment.mock.calls.reduce(
      (sum, [input]) => sum + input.length,
      0,
    );
    expect(segmented).toBeLessThan(2000);
  });
});
