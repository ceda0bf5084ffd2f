import { describe, expect, it } from 'vitest';
import { cellWidth } from './graphemes.ts';
import { makeEmojiSafe } from './emoji-safety.ts';

/** Widths as tmux 3.3a draws them: each skin tone is an emoji of its own, VS16 adds nothing. */
function tmuxWidth(text: string): number {
  return [...text.replace(/\uFE0F/g, '')]
    .map((char) => cellWidth(char))
    .reduce((a, b) => a + b, 0);
}

describe('makeEmojiSafe', () => {
  it('changes nothing while the terminal agrees with string-width', () => {
    const text = '私信 👍🏽 test ❤️ 👨‍👩‍👧';
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

  it('splits a ZWJ sequence into its parts only when asked', () => {
    expect(makeEmojiSafe('👨‍👩‍👧', ['zwj'])).toBe('👨👩👧');
    expect(makeEmojiSafe('👨‍👩‍👧', ['modifier', 'vs16'])).toBe('👨‍👩‍👧');
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
