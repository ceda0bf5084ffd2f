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

/** Cuts text to at most `width` cells, never splitting a grapheme. */
export function truncateCells(text: string, width: number): string {
  if (cellWidth(text) <= width) return text;
  let out = '';
  let used = 0;
  for (const part of graphemes(text)) {
    const cells = cellWidth(part);
    if (used + cells > width) break;
    out += part;
    used += cells;
  }
  return out;
}

/** Pads or cuts text to exactly `width` cells. */
export function fitCells(text: string, width: number): string {
  const cut = truncateCells(text, width);
  return cut + ' '.repeat(Math.max(0, width - cellWidth(cut)));
}
