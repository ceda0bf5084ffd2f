import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ChatError } from '../shared/errors.ts';
import { acceptText, stripUnsafe } from './message-text.ts';

function codeOf(run: () => unknown): string | undefined {
  try {
    run();
  } catch (error) {
    if (error instanceof ChatError) return error.code;
    throw error;
  }
  return undefined;
}

describe('acceptText', () => {
  it('keeps ordinary text and newlines as sent, and turns tabs into spaces', () => {
    expect(acceptText('  hi\n\tthere 你好 😀 ', 100)).toBe(
      '  hi\n  there 你好 😀 ',
    );
    expect(acceptText('a\t\t\t\t', 5)).toBe('a' + ' '.repeat(8));
  });

  it('removes escape sequences, carriage returns, C1 controls and bidi overrides', () => {
    expect(
      acceptText('a\u001b[2Jb\r\u0007c\u0085\u009bd\u202ee\u2067f', 100),
    ).toBe('a[2Jbcdef');
  });

  it('replaces a lone surrogate rather than passing broken text on', () => {
    expect(acceptText('a\ud800b', 10)).toBe('a\ufffdb');
    expect(acceptText('😀', 10)).toBe('😀');
  });

  it('refuses text with nothing visible left as MESSAGE_EMPTY', () => {
    const blanks = [
      ...['', ' ', '\n\t', '\u001b\r', '\u202a\u2069 ', '\u3000'],
      ...['\u200b', '\u2800 \u2800', '\u3164', '\ufe0f\u200d', '\u00ad'],
    ];
    for (const text of blanks) {
      expect(codeOf(() => acceptText(text, 10))).toBe('MESSAGE_EMPTY');
    }
  });

  it('counts characters, not UTF-16 units, and refuses rather than cuts', () => {
    expect(acceptText('😀'.repeat(5), 5)).toBe('😀'.repeat(5));
    expect(codeOf(() => acceptText('😀'.repeat(6), 5))).toBe(
      'MESSAGE_TOO_LONG',
    );
    expect(() => acceptText('abcdef', 5)).toThrow(/limit is 5 characters/);
  });

  it('never leaves a control or bidi character in what it returns', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (text) => {
        const clean = stripUnsafe(text);
        expect(clean).not.toMatch(
          // eslint-disable-next-line no-control-regex -- the characters under test
          /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/,
        );
      }),
    );
  });
});
