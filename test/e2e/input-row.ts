/**
 * Reads the chat screen's input line in a real terminal: the text as
 * drawn and the terminal cursor, so tests can check editing keys on
 * screen rather than in React state.
 */
import stringWidth from 'string-width';
import { rowCells, type Snapshot, type Terminal } from './tmux.ts';

/** Cells before the line's first character: the border and "> ". */
export const PROMPT_CELLS = 3;

/** What the input line shows at one moment. */
export interface InputState {
  /** The drawn text, without the padding up to the border. */
  text: string;
  cursor: Snapshot['cursor'];
  /** Whether the row is the input line and its right border is in place. */
  isWhole: boolean;
}

/** The row of the input line: above the hint, border, status and spare row. */
export function inputRowIndex(terminal: Terminal): number {
  return terminal.height - 5;
}

/** What `snapshot` shows on the input line of `terminal`. */
export function inputState(terminal: Terminal, snapshot: Snapshot): InputState {
  const row = snapshot.rows[inputRowIndex(terminal)] ?? '';
  const isWhole =
    row.startsWith('│> ') &&
    row.endsWith('│') &&
    rowCells(row) === terminal.width;
  const text = isWhole ? row.slice(PROMPT_CELLS, -1).trimEnd() : row;
  return { text, cursor: snapshot.cursor, isWhole };
}

/** The line and cursor a test expects; `x` defaults to the line's end. */
export interface ExpectedInput {
  text: string;
  x?: number;
}

/** Whether `state` shows the text of `expected`, borders in place. */
export function showsText(
  state: InputState,
  expected: ExpectedInput,
  normalise: (text: string) => string = (text) => text,
): boolean {
  return (
    state.isWhole &&
    normalise(state.text) === normalise(expected.text.trimEnd())
  );
}

/** Whether `state` is `expected`, with the cursor shown in its place. */
export function isShowing(
  terminal: Terminal,
  state: InputState,
  expected: ExpectedInput,
  normalise?: (text: string) => string,
): boolean {
  const x = expected.x ?? PROMPT_CELLS + stringWidth(expected.text);
  return (
    showsText(state, expected, normalise) &&
    state.cursor.isVisible &&
    state.cursor.x === x &&
    state.cursor.y === inputRowIndex(terminal)
  );
}

/** A readable account of what was expected and what the screen shows. */
export function describeInput(
  terminal: Terminal,
  expected: ExpectedInput,
  snapshot: Snapshot,
): string {
  const state = inputState(terminal, snapshot);
  const x = expected.x ?? PROMPT_CELLS + stringWidth(expected.text);
  const y = inputRowIndex(terminal);
  return [
    `expected ${JSON.stringify(expected.text)} with the cursor at ${x},${y};`,
    `the input row shows ${JSON.stringify(state.text)} with the cursor at`,
    `${state.cursor.x},${state.cursor.y}`,
    `(${state.cursor.isVisible ? 'shown' : 'hidden'}). The terminal shows:`,
    ...snapshot.rows,
  ].join('\n');
}

/** Waits until the input line shows `expected`, cursor included. */
export function waitForInput(
  terminal: Terminal,
  expected: ExpectedInput,
  normalise?: (text: string) => string,
  timeoutMs = 5000,
): Promise<Snapshot> {
  return terminal.waitForSnapshot(
    (snapshot) =>
      isShowing(terminal, inputState(terminal, snapshot), expected, normalise),
    (snapshot) => describeInput(terminal, expected, snapshot),
    timeoutMs,
  );
}
