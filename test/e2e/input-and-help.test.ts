import { describe, expect, it } from 'vitest';
import { COMMAND_HELP } from '../../shared/commands.ts';
import { KEY_HELP } from '../../tui/panes/help-rows.ts';
import { useE2eRoom } from './room.ts';

const room = useE2eRoom();

async function loggedIn(name: string, width = 80, height = 24) {
  const terminal = await room.open(width, height);
  await terminal.login(name, 'pw', true);
  return terminal;
}

/** The words inside the top pane's border, row after row. */
function paneText(rows: string[]): string {
  return rows
    .filter((row) => row.startsWith('│'))
    .map((row) => row.slice(1, row.lastIndexOf('│')))
    .join(' ')
    .replace(/\s+/g, ' ');
}

describe('help and long pastes in a real terminal', { timeout: 60_000 }, () => {
  it.each([
    [80, 24],
    [60, 24],
  ])('shows every help line whole at %i x %i', async (width, height) => {
    const terminal = await loggedIn(`helper${width}`, width, height);
    await terminal.keys('F1');
    await terminal.waitFor((screen) => screen.includes('Commands'));
    expect(await terminal.screen()).not.toContain('Online (');

    const pages: string[] = [];
    for (let step = 0; step < 40; step += 1) {
      const rows = await terminal.rows();
      pages.push(paneText(rows));
      if (rows.some((row) => row.includes('Press Esc or F1 to close.'))) break;
      const before = rows.join('\n');
      await terminal.keys('Down');
      await terminal.waitFor((screen) => screen !== before);
    }
    for (const { summary } of [...COMMAND_HELP, ...KEY_HELP]) {
      expect(
        pages.some((page) => page.includes(summary)),
        summary,
      ).toBe(true);
    }
    expect(pages.join(' ')).toContain('send text that starts with a slash');
    expect(pages.join(' ')).toContain(
      'complete a name or command (again: next)',
    );

    await terminal.keys('Escape');
    await terminal.waitFor((screen) => !screen.includes('Press Esc or F1'));
  });

  it('asks before sending a 12-line paste and sends it only on y', async () => {
    const [paster, reader] = await Promise.all([
      loggedIn('asker'),
      loggedIn('reader', 80, 40),
    ]);
    const lines = Array.from({ length: 12 }, (_, i) => `line ${i + 1} of 12`);
    const question = `Send 12 lines (${[...lines.join('\n')].length} characters) as one message? y sends · n or Esc to edit`;
    const kept = 'Not sent; the paste is still in the box.';
    await paster.paste(lines.join('\n'));
    await paster.waitFor((screen) => screen.includes('+11 more lines'));

    await paster.keys('Enter');
    await paster.waitFor((screen) => screen.includes(question));
    await paster.keys('Enter');
    await paster.type('x');
    await paster.keys('n');
    let screen = await paster.waitFor((text) => text.includes(kept));
    expect(screen).toMatch(/^│> .*line 11 of 12↵line 12 of 12 /m);

    await paster.keys('Enter');
    await paster.waitFor((text) => text.includes(question));
    await paster.keys('Escape');
    screen = await paster.waitFor((text) => text.includes(kept));
    expect(screen).not.toContain('Press Esc or F1');
    await paster.keys('Enter');
    await paster.waitFor((text) => text.includes(question));
    await paster.keys('y');

    screen = await reader.waitFor((text) => text.includes('line 12 of 12'));
    const rows = screen.split('\n');
    const first = rows.findIndex((row) => row.includes('asker: line 1 of 12'));
    expect(first).toBeGreaterThan(-1);
    for (let i = 1; i < 12; i += 1) {
      expect(rows[first + i]).toMatch(new RegExp(`│ {8}line ${i + 1} of 12 `));
    }
    expect(screen.match(/asker:/g)).toHaveLength(1);
    await paster.waitFor((text) => /^│>\s+│$/m.test(text));
  });

  it('refuses a 120-line paste over 2000 characters and keeps it', async () => {
    const terminal = await loggedIn('paster');
    const text = Array.from({ length: 120 }, (_, i) =>
      `line ${i + 1} `.padEnd(78, 'abcdefghij'),
    ).join('\n');
    await terminal.paste(text);
    await terminal.waitFor((screen) => screen.includes('+119 more lines'));
    await terminal.keys('Enter');
    const screen = await terminal.waitFor((s) => s.includes('Split it up.'));
    expect(screen).toContain(
      `That is ${[...text].length} characters; the room takes at most 2000. Split it up.`,
    );
    expect(screen).not.toContain('y / n');
    expect(screen).not.toContain('MESSAGE_TOO_LONG');
    expect(screen).toMatch(/> .*abcdefghij/);

    // The paste is still in the box; emptying it leaves room for a line.
    await terminal.keys('Home', 'C-k');
    await terminal.waitFor((s) => /^│>\s+│$/m.test(s));
    await terminal.send('short one');
    const after = await terminal.waitFor((s) =>
      s.includes('paster: short one'),
    );
    expect(after).not.toContain('line 1 abc');
  });
});
