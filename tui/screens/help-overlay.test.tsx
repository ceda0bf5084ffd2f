import { afterEach, describe, expect, it } from 'vitest';
import { COMMAND_HELP } from '../../shared/commands.ts';
import { KEY_HELP } from '../panes/help-rows.ts';
import { mountLoggedIn, type MountedApp } from '../testing/mount-app.tsx';

let app: MountedApp;
afterEach(() => app.close());

const summaries = [...COMMAND_HELP, ...KEY_HELP].map((entry) => entry.summary);
const DOWN = '\x1b[B';

/** The words inside the top pane's border, row after row. */
function paneText(screen: string): string {
  return screen
    .split('\n')
    .filter((row) => row.startsWith('│'))
    .map((row) => row.slice(1, row.lastIndexOf('│')))
    .join(' ')
    .replace(/\s+/g, ' ');
}

/** Opens help and reads it a row at a time down to its last line. */
async function readHelp(): Promise<string[]> {
  await app.type('\x1bOP');
  const pages = [await app.waitFor((text) => text.includes('Commands'))];
  while (!pages.at(-1)!.includes('Press Esc or F1 to close.')) {
    if (pages.length > 40) throw new Error('The help never ended.');
    await app.type(DOWN);
    pages.push(app.screen());
  }
  return pages.map(paneText);
}

describe('the help overlay', () => {
  it.each([
    [80, 24],
    [60, 24],
  ])('shows every summary whole at %i x %i columns', async (columns, rows) => {
    app = await mountLoggedIn('alice', { columns, rows });
    const pages = await readHelp();
    for (const summary of summaries) {
      expect(pages.some((page) => page.includes(summary))).toBe(true);
    }
  });

  it('covers the side panes while open and brings them back on Esc', async () => {
    app = await mountLoggedIn('alice', { columns: 80, rows: 24 });
    await app.waitFor((text) => text.includes('Online ('));
    await app.type('\x1bOP');
    const open = await app.waitFor((text) => text.includes('Commands'));
    expect(open).not.toContain('Online (');
    expect(open).toContain('send text that starts with a slash');
    await app.type('\x1b');
    await app.waitFor(
      (text) => text.includes('Online (') && !text.includes('Commands'),
    );
  });
});
