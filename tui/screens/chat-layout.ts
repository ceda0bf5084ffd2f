/**
 * Where each pane goes for a terminal size. Pure, so the layout can be
 * checked without drawing anything.
 */
import { INPUT_BOX_ROWS } from '../panes/InputBox.tsx';

/** Below this many columns the side panes are hidden unless asked for. */
export const NARROW_COLUMNS = 70;
const SIDE_COLUMNS = 26;

/** The sizes of every pane, in cells. */
export interface ChatLayout {
  width: number;
  height: number;
  mainHeight: number;
  messagesWidth: number;
  sideWidth: number;
  usersHeight: number;
  rankHeight: number;
  inputTop: number;
}

/**
 * Lays out the chat screen. `sidePreference` is the user's toggle: null
 * follows the terminal width.
 *
 * Note: the screen uses one row less than the terminal has. Ink redraws
 * the whole terminal (clear, then paint) on every frame once its output
 * is as tall as the terminal, which flickers; one spare row avoids that.
 */
export function chatLayout(
  columns: number,
  rows: number,
  sidePreference: boolean | null,
): ChatLayout {
  const width = Math.max(20, columns);
  const height = Math.max(INPUT_BOX_ROWS + 4, rows - 1);
  const mainHeight = height - INPUT_BOX_ROWS - 1;
  const isSideShown = sidePreference ?? columns >= NARROW_COLUMNS;
  const sideWidth = isSideShown
    ? Math.min(SIDE_COLUMNS, Math.floor(width / 2))
    : 0;
  const usersHeight = Math.ceil(mainHeight / 2);
  return {
    width,
    height,
    mainHeight,
    messagesWidth: width - sideWidth,
    sideWidth,
    usersHeight,
    rankHeight: mainHeight - usersHeight,
    inputTop: mainHeight,
  };
}
