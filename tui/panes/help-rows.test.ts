import { describe, expect, it } from 'vitest';
import { COMMAND_HELP } from '../../shared/commands.ts';
import { makeTheme } from '../theme.ts';
import { rowWidth, type Row } from '../text/wrap.ts';
import { helpRows, KEY_HELP } from './help-rows.ts';

const theme = makeTheme(false);
const text = (rows: Row[]) =>
  rows
    .map((row) => row.map((segment) => segment.text).join(''))
    .join(' ')
    .replace(/\s+/g, ' ');
const entries = [
  ...COMMAND_HELP.map(({ usage, summary }) => ({ label: usage, summary })),
  ...KEY_HELP.map(({ keys, summary }) => ({ label: keys, summary })),
];

describe('helpRows', () => {
  it.each([78, 58, 40, 24])(
    'shows every label and whole summary within %i columns',
    (width) => {
      const rows = helpRows(theme, width);
      for (const row of rows) expect(rowWidth(row)).toBeLessThanOrEqual(width);
      const all = text(rows);
      for (const { label, summary } of entries) {
        expect(all).toContain(label);
        expect(all).toContain(summary);
      }
    },
  );

  it('puts each summary beside its label when there is room', () => {
    const rows = helpRows(theme, 78).map((row) =>
      row.map((segment) => segment.text).join(''),
    );
    expect(rows).toContain(
      '  //text              send text that starts with a slash',
    );
    expect(rows).toContain(
      '  Tab                       complete a name or command (again: next)',
    );
  });

  it('wraps a long summary under itself, not under the label', () => {
    const rows = helpRows(theme, 58).map((row) =>
      row
        .map((segment) => segment.text)
        .join('')
        .trimEnd(),
    );
    const at = rows.findIndex((row) => row.startsWith('  Tab '));
    expect(rows[at]).toBe(
      '  Tab                       complete a name or command',
    );
    expect(rows[at + 1]).toBe(`${' '.repeat(28)}(again: next)`);
  });
});
