/**
 * Grapheme clusters and terminal cell widths: one place that decides how
 * wide a piece of text is on screen.
 */
import stringWidth from 'string-width';

const segmenter = new Intl.Segmenter(undefined, { granularity: 'grapheme' });

/** Splits text into user-perceived characters (emoji, accents and all). */
export function graphemes(text: string): string[] {
  const parts: string[] = [];
  for (const { segment } of segmenter.segment(text)) parts.push(segment);
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
