import { describe, expect, it } from 'vitest';
import { cellWidth } from './graphemes.ts';
import { makeEmojiSafe, type EmojiKind } from './emoji-safety.ts';

/** Widths as tmux 3.3a draws them: each skin tone is an emoji of its own, VS16 adds nothing. */
function tmuxWidth(text: string): number {
  return [...text.replace(/\uFE0F/g, '')]
    .map((char) => cellWidth(char))
    .reduce((a, b) => a + b, 0);
}

/** What the startup probe finds in tmux 3.3a. */
const TMUX: EmojiKind[] = ['modifier', 'vs16', 'keycap'];

/**
 * What arrives, how it is drawn in tmux 3.3a, and how many cells tmux
 * 3.3a gave that drawn form, read back from its cursor.
 */
const MEASURED_IN_TMUX: Array<[string, string, number]> = [
  ['a\u200Db', 'ab', 2],
  ['😀\u200D', '😀', 2],
  ['a\u200D😀', 'a😀', 3],
  ['👨‍👩‍👧', '👨‍👩‍👧', 2],
  ['1\uFE0F\u20E3', '1', 1],
  ['1\u20E3', '1', 1],
  ['#\uFE0F\u20E3', '#', 1],
  ['*\uFE0F\u20E3', '*', 1],
  ['a\u20DD', 'a\u20DD', 1],
  ['g\u20E3', 'g', 1],
  ['h\u20E4', 'h\u20E4', 1],
  ['中\u20DD', '中\u20DD', 2],
  ['☺️', '☺', 1],
  ['✌️', '✌', 1],
  ['©️', '©', 1],
  ['#\uFE0F', '#', 1],
  ['❤️‍🔥', '❤🔥', 3],
  ['🏳️‍🌈', '🏳🌈', 3],
  ['🧔‍♂️', '🧔‍♂', 2],
  ['🇦', 'A', 1],
  ['🇦🇧', 'AB', 2],
  ['🇦🇦🇦', 'AAA', 3],
  ['🇯🇵', '🇯🇵', 2],
];

describe('makeEmojiSafe', () => {
  it('changes nothing while the terminal agrees with string-width', () => {
    const text = '私信 👍🏽 test ❤️ 👨‍👩‍👧 1️⃣ 🇯🇵 a\u20DD';
    expect(makeEmojiSafe(text, [])).toBe(text);
  });

  it('drops skin tones and emoji selectors where the terminal disagrees', () => {
    const safe = makeEmojiSafe('私信 👍🏽 test ❤️ ok', ['modifier', 'vs16']);
    expect(safe).toBe('私信 👍 test ❤ ok');
    expect(cellWidth(safe)).toBe(tmuxWidth(safe));
    expect(cellWidth('私信 👍🏽 test ❤️ ok')).not.toBe(
      tmuxWidth('私信 👍🏽 test ❤️ ok'),
    );
  });

  it('draws every sample at the width tmux 3.3a gives it', () => {
    for (const [text, drawn, cells] of MEASURED_IN_TMUX) {
      expect(makeEmojiSafe(text, TMUX), text).toBe(drawn);
      expect(cellWidth(drawn), drawn).toBe(cells);
    }
  });

  it('drops a joiner that joins no two emoji, whatever the terminal', () => {
    expect(makeEmojiSafe('zwj only: a\u200Db end', [])).toBe(
      'zwj only: ab end',
    );
    expect(makeEmojiSafe('x\u200D \u200D\u200D 😀\u200D\u200D😀', [])).toBe(
      'x  😀😀',
    );
    expect(makeEmojiSafe('👩‍💻 🐻‍❄️', [])).toBe('👩‍💻 🐻‍❄️');
  });

  it('shows indicators that make no flag as letters and drops a keycap mark on a letter, whatever the terminal', () => {
    expect(makeEmojiSafe('🇭 🇮 🇦🇧 🇯🇵 g\u20E3 😀\u20E3', [])).toBe(
      'H I AB 🇯🇵 g 😀',
    );
  });

  it('draws a keycap whole or as its bare digit, as the terminal measures it', () => {
    expect(makeEmojiSafe('1\u20E3 #\uFE0F\u20E3', [])).toBe(
      '1\uFE0F\u20E3 #\uFE0F\u20E3',
    );
    expect(makeEmojiSafe('B keycap 1️⃣ end', ['vs16'])).toBe('B keycap 1️⃣ end');
    expect(makeEmojiSafe('B keycap 1️⃣ end', ['keycap'])).toBe('B keycap 1 end');
  });

  it('splits a ZWJ sequence into its parts only when asked', () => {
    expect(makeEmojiSafe('👨‍👩‍👧', ['zwj'])).toBe('👨👩👧');
    expect(makeEmojiSafe('👨‍👩‍👧', ['modifier', 'vs16'])).toBe('👨‍👩‍👧');
    expect(makeEmojiSafe('❤️‍🔥', ['modifier'])).toBe('❤️‍🔥');
  });

  it('simplifies a grapheme that has several marks', () => {
    expect(makeEmojiSafe('👩🏽‍💻', ['modifier'])).toBe('👩‍💻');
    expect(makeEmojiSafe('🏳️‍🌈', ['vs16', 'zwj'])).toBe('🏳🌈');
  });

  it('keeps a lone skin tone, CJK, flags and accents as they are', () => {
    const text = '🏽 你好 🇯🇵 e\u0301';
    expect(makeEmojiSafe(text, ['modifier', 'vs16', 'zwj'])).toBe(text);
  });
});
