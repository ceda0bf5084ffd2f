/**
 * The graphemes on either side of an offset in a long text, found without
 * segmenting the whole text: the input box and the line editor look only
 * at the few around the cursor, and a pasted line can be a megabyte.
 */
import { segmentsFrom, type Grapheme } from './graphemes.ts';

const CR = 0x0d;
const LF = 0x0a;
/** How far back a look for graphemes before an offset starts. */
const LOOK_BACK = 256;
const PICTOGRAPHIC = /^\p{Extended_Pictographic}$/u;

function isControl(code: number): boolean {
  return code < 0x20 || (code >= 0x7f && code <= 0x9f);
}

/**
 * Code points that nothing joins to either side: Latin-1, CJK
 * ideographs, kana, Hangul syllables and emoji bases. None of them is a
 * mark, a joiner, a prepended sign, a regional indicator or a jamo.
 */
function isPlain(code: number): boolean {
  return (
    code < 0x100 ||
    (code >= 0x3041 && code <= 0x3096) ||
    (code >= 0x30a1 && code <= 0x30fa) ||
    (code >= 0x3400 && code <= 0x4dbf) ||
    (code >= 0x4e00 && code <= 0x9fff) ||
    (code >= 0xac00 && code <= 0xd7a3) ||
    PICTOGRAPHIC.test(String.fromCodePoint(code))
  );
}

/**
 * Whether a grapheme boundary falls at `index` whatever text comes before
 * and after (UAX #29): after a control other than CR, before a control
 * except LF after CR, and between two plain code points.
 */
function isCertainBoundary(text: string, index: number): boolean {
  if (index <= 0 || index >= text.length) return true;
  const after = text.codePointAt(index)!;
  const lastUnit = text.charCodeAt(index - 1);
  if (after >= 0xdc00 && after <= 0xdfff) return false;
  const isLowSurrogate = lastUnit >= 0xdc00 && lastUnit <= 0xdfff;
  const before = isLowSurrogate ? text.codePointAt(index - 2)! : lastUnit;

  if (before === CR) return after !== LF;
  if (isControl(before) || isControl(after)) return true;
  return isPlain(before) && isPlain(after);
}

/**
 * The nearest certain boundary at or before `index`.
 *
 * Note: text with no certain boundary for a long way (a long run of
 * Cyrillic, say, with no space or punctuation) is looked through to its
 * start, which is slow again for a huge paste of it.
 */
function certainBoundaryBefore(text: string, index: number): number {
  let at = index;
  while (!isCertainBoundary(text, at)) at -= 1;
  return at;
}

/** The graphemes that start at or after `offset`, in order. */
export function* graphemesAfter(
  text: string,
  offset: number,
): Generator<Grapheme> {
  for (const part of segmentsFrom(text, certainBoundaryBefore(text, offset))) {
    if (part.index >= offset) yield part;
  }
}

/**
 * The graphemes that start before `offset`, nearest first; one that goes
 * on past `offset` is among them.
 */
export function* graphemesBefore(
  text: string,
  offset: number,
): Generator<Grapheme> {
  let end = offset;
  while (end > 0) {
    const start = certainBoundaryBefore(text, Math.max(0, end - LOOK_BACK));
    const parts: Grapheme[] = [];
    for (const part of segmentsFrom(text, start)) {
      if (part.index >= end) break;
      parts.push(part);
    }
    yield* parts.reverse();
    end = start;
  }
}
