import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cellWidth } from './graphemes.ts';
import { rowWidth, wrapSegments } from './wrap.ts';

const plain = (text: string) => [{ text, style: {} }];
const texts = (rows: ReturnType<typeof wrapSegments>) =>
  rows.map((row) => row.map((segment) => segment.text).join(''));

describe('wrapSegments', () => {
  it('wraps at word boundaries by cell width', () => {
    expect(texts(wrapSegments(plain('hello big world'), 10))).toEqual([
      'hello big ',
      'world',
    ]);
  });

  it('counts CJK and emoji as two cells each', () => {
    const rows = wrapSegments(plain('你好世界😀😀'), 5);
    expect(texts(rows)).toEqual(['你好', '世界', '😀😀']);
    expect(rows.map(rowWidth)).toEqual([4, 4, 4]);
  });

  it('never splits a ZWJ family, a skin tone or a combining accent', () => {
    const family = '👩‍👩‍👧';
    const rows = texts(wrapSegments(plain(`${family}👍🏽e\u0301${family}`), 3));
    expect(rows).toEqual([family, '👍🏽e\u0301', family]);
  });

  it('indents continuation rows and honours forced line breaks', () => {
    const rows = texts(wrapSegments(plain('ab: one two three\nfour'), 10, 4));
    expect(rows).toEqual(['ab: one ', '    two ', '    three', '    four']);
  });

  it('never produces a row wider than the width', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: 'grapheme', maxLength: 80 }),
        fc.integer({ min: 2, max: 40 }),
        (text, width) => {
          for (const row of wrapSegments(plain(text), width, 3)) {
            expect(rowWidth(row)).toBeLessThanOrEqual(width);
          }
        },
      ),
    );
  });

  it('keeps every character of the text', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: 'grapheme-composite', maxLength: 60 }),
        (text) => {
          const joined = texts(
            wrapSegments(plain(text.replace(/\s/g, 'x')), 7),
          ).join('');
          expect(joined).toBe(text.replace(/\s/g, 'x'));
          expect(cellWidth(joined)).toBe(cellWidth(text.replace(/\s/g, 'x')));
        },
      ),
    );
  });
});
