import fc from 'fast-check';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { cellWidth } from '../text/graphemes.ts';
import { inputView } from './input-view.ts';

afterEach(() => vi.restoreAllMocks());

/** Code units the segmenter was given since the spy was set. */
function segmentedLength(spy: { mock: { calls: [string][] } }): number {
  return spy.mock.calls.reduce((sum, [input]) => sum + input.length, 0);
}

/** The window measured the slow way: every grapheme of the line. */
function wholeLineView(text: string, cursor: number, width: number) {
  const segmenter = new Intl.Segmenter(undefined, {
    granularity: 'grapheme',
  });
  const parts = [...segmenter.segment(text)].map(({ segment, index }) => ({
    index,
    shown: segment === '\n' ? '↵' : segment,
  }));
  const before = parts.filter((part) => part.index < cursor);
  const after = parts.filter((part) => part.index >= cursor);
  let column = 0;
  let first = before.length;
  while (first > 0) {
    const cells = cellWidth(before[first - 1]!.shown);
    if (column + cells > width - 1) break;
    column += cells;
    first -= 1;
  }
  let shown = before
    .slice(first)
    .map((part) => part.shown)
    .join('');
  let used = column;
  for (const part of after) {
    if (used + cellWidth(part.shown) > width) break;
    shown += part.shown;
    used += cellWidth(part.shown);
  }
  return { text: shown, cursorColumn: column };
}

describe('inputView', () => {
  it('shows the same window as measuring the whole line', () => {
    const pieces = ['a', ' ', '你', '😀', '👩‍👩‍👧', '🇯🇵', 'e\u0301', '\n'];
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom(...pieces), { maxLength: 80 }),
        fc.nat(),
        fc.integer({ min: 1, max: 30 }),
        (parts, at, width) => {
          const text = parts.join('');
          const cursor = parts.slice(0, at % (parts.length + 1)).join('');
          const line = { text, cursor: cursor.length };
          expect(inputView(line, width)).toEqual(
            wholeLineView(text, cursor.length, width),
          );
        },
      ),
    );
  });

  it('shows the end of a megabyte paste of CJK and emoji, cursor after it', () => {
    const text = '你好😀ab'.repeat(150_000);
    const segment = vi.spyOn(Intl.Segmenter.prototype, 'segment');
    const view = inputView({ text, cursor: text.length }, 20);
    expect(view).toEqual({ text: 'ab你好😀ab你好😀ab', cursorColumn: 18 });
    expect(segmentedLength(segment)).toBeLessThan(2000);
  });

  it('keeps the cursor in view in the middle of a megabyte paste', () => {
    const text = `${'x'.repeat(500_000)}你好|世界${'y'.repeat(500_000)}`;
    const segment = vi.spyOn(Intl.Segmenter.prototype, 'segment');
    const view = inputView({ text, cursor: text.indexOf('|') }, 10);
    expect(view).toEqual({ text: 'xxxxx你好|', cursorColumn: 9 });
    expect(cellWidth(view.text)).toBeLessThanOrEqual(10);
    expect(segmentedLength(segment)).toBeLessThan(2000);
  });
});
