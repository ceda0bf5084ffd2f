/**
 * The help overlay's text: every command and every key, as rows for the
 * overlay. Summaries wrap under themselves, so every word is readable at
 * any width.
 */
import { COMMAND_HELP } from '../../shared/commands.ts';
import type { Theme } from '../theme.ts';
import { cellWidth, fitCells } from '../text/graphemes.ts';
import { wrapSegments, type Row, type SegmentStyle } from '../text/wrap.ts';

/** Every key the chat screen reacts to. */
export const KEY_HELP: ReadonlyArray<{ keys: string; summary: string }> = [
  { keys: 'Enter', summary: 'send the line' },
  { keys: 'Tab', summary: 'complete a name or command (again: next)' },
  { keys: 'Up / Down', summary: 'earlier / later lines you sent' },
  { keys: 'Left / Right', summary: 'move by character' },
  { keys: 'Ctrl+Left / Right', summary: 'move by word (also Alt+B / Alt+F)' },
  { keys: 'Home / End, Ctrl+A / E', summary: 'start / end of the line' },
  { keys: 'Backspace / Delete', summary: 'delete a character' },
  {
    keys: 'Ctrl+W / Ctrl+U / Ctrl+K',
    summary: 'delete word / to start / to end',
  },
  { keys: 'PgUp / PgDn', summary: 'scroll the messages' },
  { keys: 'Home / End (empty line)', summary: 'oldest / newest message' },
  { keys: 'End (end of the line)', summary: 'newest message' },
  { keys: 'F2 or Ctrl+P', summary: 'show or hide the side panes' },
  { keys: 'Ctrl+R', summary: 'reconnect now when offline' },
  { keys: 'F1', summary: 'open / close this help (Esc closes it too)' },
  { keys: 'Ctrl+C', summary: 'quit' },
];

/**
 * One entry: the label in a column `labelWidth` cells wide (at most half
 * the width), the summary wrapped beside it. When the label does not fit
 * the column, the summary goes under it, indented.
 */
function entryRows(
  label: string,
  summary: string,
  labelWidth: number,
  width: number,
  styles: { label: SegmentStyle; summary: SegmentStyle },
): Row[] {
  const column = Math.min(labelWidth, Math.floor(width / 2));
  const isBeside = cellWidth(label) < column;
  const indent = isBeside ? column : Math.min(4, Math.floor(width / 4));
  const summaryRows = wrapSegments(
    [{ text: summary, style: styles.summary }],
    width - indent,
  );
  const pad = { text: ' '.repeat(indent), style: {} };
  if (!isBeside) {
    const labelRows = wrapSegments(
      [{ text: label, style: styles.label }],
      width,
    );
    return [...labelRows, ...summaryRows.map((row) => [pad, ...row])];
  }
  const head = { text: fitCells(label, column), style: styles.label };
  return summaryRows.map((row, index) => [index === 0 ? head : pad, ...row]);
}

/** The help text laid out for an overlay `width` cells wide. */
export function helpRows(theme: Theme, width: number): Row[] {
  const styles = { label: theme.ownName, summary: theme.text };
  const rows: Row[] = [[{ text: 'Commands', style: theme.title }]];
  for (const { usage, summary } of COMMAND_HELP) {
    rows.push(...entryRows(`  ${usage}`, summary, 22, width, styles));
  }
  rows.push([], [{ text: 'Keys', style: theme.title }]);
  for (const { keys, summary } of KEY_HELP) {
    rows.push(...entryRows(`  ${keys}`, summary, 28, width, styles));
  }
  rows.push(
    [],
    ...wrapSegments(
      [{ text: 'Press Esc or F1 to close.', style: theme.hint }],
      width,
    ),
  );
  return rows;
}

/**
 * The part of the help that fits in `height` rows from `offset`, with a
 * hint on the last row when more follows. The offset is clamped.
 */
export function helpWindow(
  rows: Row[],
  offset: number,
  height: number,
  theme: Theme,
): { rows: Row[]; offset: number } {
  const maxOffset = Math.max(0, rows.length - height);
  const start = Math.min(Math.max(0, offset), maxOffset);
  const shown = rows.slice(start, start + height);
  if (start < maxOffset && shown.length > 0) {
    shown[shown.length - 1] = [
      { text: 'PgDn / Down: more · Esc or F1: close', style: theme.hint },
    ];
  }
  return { rows: shown, offset: start };
}
