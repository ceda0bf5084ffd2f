import { describe, expect, it } from 'vitest';
import { cellWidth, fitCells, graphemes, truncateCells } from './graphemes.ts';

describe('truncateCells', () => {
  it('keeps text that fits and cuts the rest between graphemes', () => {
    expect(truncateCells('hello', 5)).toBe('hello');
    expect(truncateCells('你好世界', 5)).toBe('你好');
    expect(truncateCells('a👨‍👩‍👧b', 2)).toBe('a');
  });

  it('ends cut text in the ellipsis, within the width', () => {
    expect(truncateCells('connecting to the server', 10, '…')).toBe(
      'connectin…',
    );
    expect(truncateCells('你好世界', 6, '…')).toBe('你好…');
    expect(truncateCells('hello', 0, '…')).toBe('');
  });
});

describe('fitCells', () => {
  it('pads short text and marks cut text, always exactly the width', () => {
    expect(fitCells('ab', 4)).toBe('ab  ');
    expect(fitCells('小明明明明', 8)).toBe('小明明… ');
    for (const width of [0, 1, 3, 8]) {
      expect(cellWidth(fitCells('Unknown command /foo', width))).toBe(width);
    }
  });
});

describe('graphemes', () => {
  it('keeps emoji, flags and accents whole where a long text is cut into pieces', () => {
    const segmenter = new Intl.Segmenter(undefined, {
      granularity: 'grapheme',
    });
    const tail = '👩‍👩‍👧🇯🇵🇫🇷e\u0301\r\n'.repeat(40);
    for (let pad = 0; pad < 24; pad += 1) {
      const text = 'x'.repeat(240 + pad) + tail;
      const whole = [...segmenter.segment(text)].map((part) => part.segment);
      expect(graphemes(text)).toEqual(whole);
    }
  });

  it('keeps a grapheme longer than a piece whole', () => {
    const long = `e${'\u0301'.repeat(1000)}`;
    expect(graphemes(`${long}x`)).toEqual([long, 'x']);
  });
});
