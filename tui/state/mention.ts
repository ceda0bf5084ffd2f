/**
 * Whether a message mentions the user: `@name` or the name as a word.
 */
import { canonicalName } from '../../shared/names.ts';

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** True when `text` names `me` as a whole word, with or without `@`. */
export function mentions(text: string, me: string): boolean {
  if (me === '') return false;
  const name = escapeRegExp(canonicalName(me));
  const pattern = new RegExp(
    `(?<![\\p{L}\\p{N}_])@?${name}(?![\\p{L}\\p{N}_])`,
    'u',
  );
  return pattern.test(canonicalName(text));
}
