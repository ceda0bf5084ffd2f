import { describe, expect, it } from 'vitest';
import { cellWidth } from '../text/graphemes.ts';
import {
  notStoredText,
  PREVIEW_CELLS,
  previewText,
  refusedText,
} from './refusal-line.ts';

const limited = { Content: 'You are sending too fast; wait a second.' };

describe('previewText', () => {
  it('keeps a short line whole', () => {
    expect(previewText('hello')).toBe('hello');
  });

  it('cuts a long line by cells and ends it in …', () => {
    const preview = previewText('the quick brown fox jumps over the lazy dog');
    expect(preview).toBe('the quick brown fox jum…');
    expect(cellWidth(preview)).toBe(PREVIEW_CELLS);
  });

  it('never splits a wide character or an emoji', () => {
    expect(previewText('你好'.repeat(20))).toBe(`${'你好'.repeat(5)}你…`);
    const emoji = previewText('👍🏽'.repeat(20));
    expect(emoji.endsWith('…')).toBe(true);
    expect(cellWidth(emoji)).toBeLessThanOrEqual(PREVIEW_CELLS);
  });

  it('puts a multi-line paste on one row and shows controls inertly', () => {
    expect(previewText('first\n\n  second\tthird')).toBe('first second third');
    expect(previewText('\x1b[2Jboo')).toBe('␛[2Jboo');
  });
});

describe('refusedText', () => {
  it('names the line, says why, and where the text is now', () => {
    const sent = { line: 'hello world', text: 'hello world' };
    expect(refusedText(sent, limited, 'input')).toBe(
      'Not sent: “hello world” — You are sending too fast; wait a second. It is back in the input box.',
    );
    expect(refusedText(sent, limited, 'history')).toBe(
      'Not sent: “hello world” — You are sending too fast; wait a second. Press Up to get it back.',
    );
  });

  it('names the receiver of a private message', () => {
    const sent = { line: '/msg bob hi', text: 'hi', to: 'bob' };
    expect(refusedText(sent, limited, 'input')).toMatch(
      /^Not sent to bob: “hi” — /,
    );
  });
});

describe('notStoredText', () => {
  it('says the line was delivered, so there is nothing to resend', () => {
    expect(notStoredText({ line: 'hi', text: 'hi' })).toMatch(
      /^Delivered but not saved to history: “hi” — no need to send it again/,
    );
  });
});
