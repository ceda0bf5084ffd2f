import { afterEach, describe, expect, it } from 'vitest';
import { setUnsafeEmoji } from './emoji-safety.ts';
import { cellWidth } from './graphemes.ts';
import { sanitize } from './sanitize.ts';

afterEach(() => setUnsafeEmoji([]));

describe('sanitize', () => {
  it('shows escape sequences as visible symbols instead of acting on them', () => {
    expect(sanitize('\x1b[2J\x1b]0;pwned\x07')).toBe('␛[2J␛]0;pwned␇');
  });

  it('shows a carriage return so a line cannot fake another speaker', () => {
    expect(sanitize('hi\rbob: I owe you')).toBe('hi␍bob: I owe you');
  });

  it('replaces C0 and C1 controls and DEL', () => {
    expect(sanitize('a\x00b\x08c\x7fd\x9be')).toBe('a␀b␈c␡d�e');
  });

  it('marks bidi overrides visibly', () => {
    expect(sanitize('abc\u202Eevil\u2066')).toBe('abc[RLO]evil[LRI]');
  });

  it('keeps line feeds only when asked to', () => {
    expect(sanitize('a\nb')).toBe('a␤b');
    expect(sanitize('a\nb', true)).toBe('a\nb');
  });

  it('leaves CJK, emoji, flags and accents alone', () => {
    const text =
      '你好 👩‍👩‍👧 e\u0301 👍🏽 ❤️ 🏴\u{e0067}\u{e0062}\u{e0073}\u{e0063}\u{e0074}\u{e007f}';
    expect(sanitize(text)).toBe(text);
  });

  it('drops zero-width and other invisible characters, which terminals give a cell', () => {
    expect(
      sanitize('one\u200btwo three\u2060four five\u00adsix\ufeff\u3164'),
    ).toBe('onetwo threefour fivesix');
    expect(cellWidth(sanitize('zw\u200b\u200b\u200bsp'))).toBe(4);
  });

  it('drops a joiner or non-joiner between letters, which tmux joins onto a later cell', () => {
    expect(sanitize('zwj only: a\u200db end')).toBe('zwj only: ab end');
    expect(sanitize('non\u200cjoiner a\u200d\x1b')).toBe('nonjoiner a␛');
  });

  it('simplifies the emoji this terminal draws at another width', () => {
    setUnsafeEmoji(['modifier', 'vs16', 'keycap']);
    expect(sanitize('私信 👍🏽 test ❤️ 1️⃣\x1b')).toBe('私信 👍 test ❤ 1␛');
  });
});
