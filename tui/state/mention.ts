/**
 * Whether a message mentions the user: `@name` or the name as a word.
 */
import { canonicalName } from '../../shared/names.ts';

/** Scripts written without spaces between words, or with particles attached. */
const SPACELESS =
  '\\p{scx=Han}\\p{scx=Hiragana}\\p{scx=Katakana}\\p{scx=Hangul}';

/** A letter or digit of a script that separates its words. */
const WORD = `[[\\p{L}\\p{N}\\p{M}_]--[${SPACELESS}]]`;
const SPACELESS_CHAR = new RegExp(`^[${SPACELESS}]$`, 'v');

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * What may come before the name. A spaced name must start a word, and an
 * `@` before it counts only when no letter or digit of a spaced script
 * comes before the `@`: "bob@alice.com" is an address, "谢谢@alice" a
 * mention. A spaceless name needs no edge.
 */
function opening(char: string): string {
  if (SPACELESS_CHAR.test(char)) return '@?';
  return `(?:(?<!${WORD})@|(?<!@|${WORD}))`;
}

/** What may come after the name: no letter or digit of a spaced script. */
function closing(char: string): string {
  return SPACELESS_CHAR.test(char) ? '' : `(?!${WORD})`;
}

/**
 * True when `text` names `me`, with or without `@`. A name ending in a
 * Latin (or other spaced) letter must end a word there, so "alice" is
 * not in "malice"; an end in Han, Kana or Hangul needs no edge, so
 * "谢谢小明" and "민수야" mention 小明 and 민수. An e-mail address such
 * as "bob@alice.com" does not mention alice.
 *
 * Note: without a dictionary, 小明 is also found inside 小明明, and a
 * name is found in an address's later parts ("bob@mail.alice.com") or
 * after its `@` when the name starts in Han, Kana or Hangul: a missed
 * mention costs more than a stray highlight.
 */
export function mentions(text: string, me: string): boolean {
  const name = [...canonicalName(me)];
  if (name.length === 0) return false;
  const pattern = new RegExp(
    opening(name[0]!) + escapeRegExp(name.join('')) + closing(name.at(-1)!),
    'v',
  );
  return pattern.test(canonicalName(text));
}
