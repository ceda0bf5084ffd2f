/**
 * User names: what is allowed, and when two names are the same name.
 */
import type { ErrorCode } from './errors.ts';
import { foldCase, nameSkeleton } from './name-skeleton.ts';

export { nameSkeleton } from './name-skeleton.ts';

export const MAX_NAME_CHARS = 32;

/** The reply to a name whose skeleton an account already has. */
export const LOOKS_TAKEN =
  'That name looks like one already taken; pick another.';

// Compared by skeleton, so a look-alike (`аdmin` with a Cyrillic а) is
// reserved too.
const RESERVED = new Set(
  [
    'system',
    'admin',
    'administrator',
    'root',
    'server',
    'moderator',
    'operator',
    'everyone',
    'all',
    '系统',
    '管理员',
    '系統',
    '管理員',
  ].map((name) => nameSkeleton(name)),
);

// White space, control and format characters (zero-width joiners, bidi
// marks), code points with no meaning yet or for private use, every
// default-ignorable code point (Hangul fillers, variation selectors, tag
// characters) and the blanks that are none of these: the Braille blank
// U+2800 and the musical null notehead U+1D159. Note: a variation
// selector is refused with the rest, so an emoji name is typed without
// U+FE0F (`❤` rather than `❤️`), and so is a skin tone (`👍` rather than
// `👍🏽`): terminals draw both inconsistently, so the client may show the
// plain emoji, and two names would look the same.
const INVISIBLE =
  /[\p{White_Space}\p{Cc}\p{Cf}\p{Cn}\p{Co}\p{Cs}\p{Default_Ignorable_Code_Point}\p{Emoji_Modifier}\u2800\u{1d159}]/u;

/**
 * The form a name is compared and stored under: NFKC, then case-folded,
 * so "Alice", "ALICE" and "Ａｌｉｃｅ" are one name, and so are "Straße"
 * and "STRASSE".
 */
export function canonicalName(name: string): string {
  return foldCase(name);
}

/**
 * Returns why a name cannot be registered, or null when it can. The name
 * is checked as the user typed it, after NFKC normalisation.
 */
export function nameProblem(name: string): ErrorCode | null {
  const normal = name.normalize('NFKC');
  const length = [...normal].length;
  if (length < 1 || length > MAX_NAME_CHARS) return 'NAME_INVALID';
  if (INVISIBLE.test(normal)) return 'NAME_INVALID';
  // A mark with nothing to sit on is drawn on whatever comes before it.
  if (/^\p{M}/u.test(normal)) return 'NAME_INVALID';
  // A name must survive the `To:name-->text` and `@name` syntaxes.
  if (normal.includes('-->') || /^[@/]/.test(normal)) return 'NAME_INVALID';
  if (RESERVED.has(nameSkeleton(normal))) return 'NAME_RESERVED';
  if (mixesConfusableScripts(normal)) return 'NAME_CONFUSABLE';
  return null;
}

/** Latin letters beside Cyrillic or Greek ones: the classic look-alike. */
function mixesConfusableScripts(name: string): boolean {
  const hasLatin = /\p{Script=Latin}/u.test(name);
  const hasCyrillic = /\p{Script=Cyrillic}/u.test(name);
  const hasGreek = /\p{Script=Greek}/u.test(name);
  return (hasLatin && (hasCyrillic || hasGreek)) || (hasCyrillic && hasGreek);
}
