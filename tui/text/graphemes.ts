/**
 * Grapheme clusters and terminal cell widths: one place that decides how
 * wide a piece of text is on screen.
 */
import stringWidth from 'string-width';

const segmenter = new Intl.Segmenter(undefined, { granularity: 'grapheme' });

/** Code units segmented at a time; see segmentsFrom. */
const PIECE_LENGTH = 256;

/** A grapheme of a longer text and the UTF-16 offset it starts at. */
export interface Grapheme {
  text: string;
  index: number;
}

/**
 * Where a piece ending near `end` ends: never between the two halves of a
 * surrogate pair, since whether a boundary falls before the last whole
 * code point depends on what that code point is.
 */
function pieceEnd(text: string, end: number): number {
  if (end >= text.length) return text.length;
  const code = text.charCodeAt(end - 1);
  return code >= 0xd800 && code <= 0xdbff ? end + 1 : end;
}

/**
 * The graphemes of text from `start` on, which must be a grapheme
 * boundary. V8's segmenter takes time in proportion to the whole string
 * on every step, so segmenting a 100 KB line at once takes seconds: the
 * text is segmented a short piece at a time instead. A piece's last
 * grapheme may go on past the piece, so the next piece starts with it:
 * the boundaries before it were each decided on the code point after
 * them, and starting again at a boundary gives what one pass would.
 */
export function* segmentsFrom(
  text: string,
  start: number,
): Generator<Grapheme> {
  let index = start;
  let length = PIECE_LENGTH;
  while (index < text.length) {
    const end = pieceEnd(text, index + length);
    const parts = [...segmenter.segment(text.slice(index, end))];
    const complete = end === text.length ? parts.length : parts.length - 1;
    // A grapheme longer than the piece: try again with a longer piece.
    length = complete === 0 ? length * 2 : PIECE_LENGTH;
    for (const { segment } of parts.slice(0, complete)) {
      yield { text: segment, index };
      index += segment.length;
    }
  }
}

/** Splits text into user-perceived characters (emoji, accents and all). */
export function graphemes(text: string): string[] {
  const parts: string[] = [];
  for (const { text: part } of segmentsFrom(text, 0)) parts.push(part);
  return parts;
}

/** How many terminal cells text occupies. */
export function cellWidth(text: string): number {
  return stringWidth(text);
}

/**
 * Cuts text to at most `width` cells, never splitting a grapheme; text
 * that had to be cut ends in `ellipsis` (none unless asked), within the
 * width.
 */
export function truncateCells(
  text: string,
  width: number,
  ellipsis = '',
): string {
  if (cellWidth(text) <= width) return text;
  const mark = cellWidth(ellipsis) <= width ? ellipsis : '';
  const room = width - cellWidth(mark);
  let out = '';
  let used = 0;
  for (const part of graphemes(text)) {
    const cells = cellWidth(part);
    if (used + cells > room) break;
    out += part;
    used += cells;
  }
  return out + mark;
}

/**
 * Pads or cuts text to exactly `width` cells; cut text ends in `…`, so
 * a reader sees that something is missing.
 */
export function fitCells(text: string, width: number): string {
  const cut = truncateCells(text, width, '…');
  return cut + ' '.repeat(Math.max(0, width - cellWidth(cut)));
}
