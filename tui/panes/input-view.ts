/**
 * What the input box shows of a line that may be wider than the box: a
 * window of graphemes that always contains the cursor, and the cursor's
 * cell column inside it. Only the graphemes in the window and the one
 * just past each end of it are measured, so a huge paste draws as fast
 * as a short line.
 */
import type { LineState } from '../input/line-editor.ts';
import { cellWidth } from '../text/graphemes.ts';
import { graphemesAfter, graphemesBefore } from '../text/nearby-graphemes.ts';
import { sanitize } from '../text/sanitize.ts';

/** The visible part of the line and where the cursor is drawn. */
export interface InputView {
  text: string;
  cursorColumn: number;
}

/** How a typed grapheme is drawn: newlines of a paste show as ↵. */
function shown(part: string): string {
  return part === '\n' ? '↵' : sanitize(part);
}

/** Fits `line` into `width` cells around its cursor. */
export function inputView(line: LineState, width: number): InputView {
  // Keep one cell free after the cursor for the cursor itself.
  const before: string[] = [];
  let cursorColumn = 0;
  for (const part of graphemesBefore(line.text, line.cursor)) {
    const text = shown(part.text);
    const cells = cellWidth(text);
    if (cursorColumn + cells > width - 1) break;
    before.push(text);
    cursorColumn += cells;
  }

  let text = before.reverse().join('');
  let used = cursorColumn;
  for (const part of graphemesAfter(line.text, line.cursor)) {
    const shownPart = shown(part.text);
    const cells = cellWidth(shownPart);
    if (used + cells > width) break;
    text += shownPart;
    used += cells;
  }
  return { text, cursorColumn };
}
