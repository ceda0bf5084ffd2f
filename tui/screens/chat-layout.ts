/**
 * Where each pane goes for a terminal size. Pure, so the layout can be
 * checked without drawing anything.
 */
import { INPUT_BOX_ROWS } from '../panes/InputBox.tsx';
import { TEXT_INDENT } from '../panes/message-format.ts';

/** Below this many columns the side panes are hidden unless asked for. */
export const NARROW_COLUMNS = 70;
const SIDE_COLUMNS = 26;

/** Rows of a side pane with its title: two borders and the title. */
const SIDE_PANE_ROWS = 3;

/**
 * The narrowest window the chat screen is drawn in: the messages pane
 * then has twice TEXT_INDENT inside its border, the least at which a
 * wrapped message keeps its rows under its text (wrapSegments drops the
 * indent below that). Every other part needs less: the status line's
 * key hint 9 columns, the input box 7 for a wide character and the
 * cursor.
 */
export const MIN_CHAT_COLUMNS = 2 * TEXT_INDENT + 2;

/**
 * The lowest window the chat screen is drawn in: one message row inside
 * the messages pane's borders, the input box, the status line and the
 * spare row (see chatLayout).
 */
export const MIN_CHAT_ROWS = 3 + INPUT_BOX_ROWS + 2;

/** A window size in cells. */
export interface WindowSize {
  columns: number;
  rows: number;
}

/** The smallest window the chat screen (and the login before it) needs. */
export const MIN_CHAT_SIZE: WindowSize = {
  columns: MIN_CHAT_COLUMNS,
  rows: MIN_CHAT_ROWS,
};

/** Whether a window is big enough for the chat screen. */
export function isChatFitting(columns: number, rows: number): boolean {
  return columns >= MIN_CHAT_SIZE.columns && rows >= MIN_CHAT_SIZE.rows;
}

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
 * follows the terminal width. A window smaller than MIN_CHAT_COLUMNS x
 * MIN_CHAT_ROWS gets the layout of that size, which the chat screen
 * does not draw: it shows TooSmallScreen there.
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
  const width = Math.max(MIN_CHAT_COLUMNS, columns);
  const height = Math.max(MIN_CHAT_ROWS - 1, rows - 1);
  const mainHeight = height - INPUT_BOX_ROWS - 1;
  // Side panes too low for their titles would be bare frames: hidden.
  const hasSideRoom = mainHeight >= 2 * SIDE_PANE_ROWS;
  const isSideShown =
    hasSideRoom && (sidePreference ?? columns >= NARROW_COLUMNS);
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
