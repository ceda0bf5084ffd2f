/**
 * The help overlay's text: every command and every key, as rows for the
 * messages pane.
 */
import { COMMAND_HELP } from '../../shared/commands.ts';
import type { Theme } from '../theme.ts';
import { fitCells } from '../text/graphemes.ts';
import type { Row } from '../text/wrap.ts';

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
  { keys: 'F2 or Ctrl+P', summary: 'show or hide the side panes' },
  { keys: 'Ctrl+R', summary: 'reconnect now when offline' },
  { keys: 'F1 or Esc', summary: 'open / close this help' },
  { keys: 'Ctrl+C', summary: 'quit' },
];

/** The help text laid out for a pane `width` cells wide. */
export function helpRows(theme: Theme, width: number): Row[] {
  const rows: Row[] = [[{ text: 'Commands', style: theme.title }]];
  for (const { usage, summary } of COMMAND_HELP) {
    rows.push([
      { text: fitCells(`  ${usage}`, 22), style: theme.ownName },
      { text: fitCells(summary, Math.max(0, width - 22)), style: theme.text },
    ]);
  }
  rows.push([], [{ text: 'Keys', style: theme.title }]);
  for (const { keys, summary } of KEY_HELP) {
    rows.push([
      { text: fitCells(`  ${keys}`, 28), style: theme.ownName },
      { text: fitCells(summary, Math.max(0, width - 28)), style: theme.text },
    ]);
  }
  rows.push([], [{ text: 'Press Esc or F1 to close.', style: theme.hint }]);
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
      { text: 'PgDn / Down: more · Esc: close', style: theme.hint },
    ];
  }
  return { rows: shown, offset: start };
}
