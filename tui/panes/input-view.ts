/**
 * What the input box shows of a line that may be wider than the box: a
 * window of graphemes that always contains the cursor, and the cursor's
 * cell column inside it.
 */
import type { LineState } from '../input/line-editor.ts';
import { cellWidth, graphemes } from '../text/graphemes.ts';
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
  const parts = graphemes(line.text).map((part) => ({
    length: part.length,
    text: shown(part),
  }));
  const cells = parts.map((part) => cellWidth(part.text));

  let cursorIndex = 0;
  for (let offset = 0; cursorIndex < parts.length; cursorIndex += 1) {
    if (offset >= line.cursor) break;
    offset += parts[cursorIndex]!.length;
  }

  // Keep one cell free after the cursor for the cursor itself.
  let start = 0;
  let before = cells.slice(0, cursorIndex).reduce((a, b) => a + b, 0);
  while (start < cursorIndex && before > width - 1) {
    before -= cells[start]!;
    start += 1;
  }

  let text = '';
  let used = 0;
  for (let index = start; index < parts.length; index += 1) {
    if (used + cells[index]! > width) break;
    text += parts[index]!.text;
    used += cells[index]!;
  }
  return { text, cursorColumn: before };
}
