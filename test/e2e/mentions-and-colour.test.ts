import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { TestClient } from '../helpers/client.ts';
import { useE2eRoom } from './room.ts';
import { coloursIn, plainText, styleOf } from './sgr.ts';
import type { ClientSetup, Terminal } from './tmux.ts';

const room = useE2eRoom({
  // Each test sends several lines at once on purpose.
  FLOOD_BURST: '0',
  FLOOD_PER_SECOND: '0',
});
const logDirs: string[] = [];
let users = 0;

afterEach(() => {
  for (const dir of logDirs.splice(0)) {
    rmSync(dir, { recursive: true, force: true });
  }
});

/** A raw client that talks to the room, logged in as a fresh name. */
function speaker(prefix = 'speaker'): Promise<TestClient> {
  users += 1;
  return room.rawUser(`${prefix}${users}`);
}

/** A client logged in as `name` (registered first), started with `args`. */
async function loggedIn(
  name: string,
  args: string[] = [],
  setup: ClientSetup = {},
): Promise<Terminal> {
  const terminal = await room.open(80, 24, args, setup);
  await terminal.login(name, 'pw', true);
  return terminal;
}

/** The captured row, escapes and all, whose text includes `text`. */
async function styledRow(terminal: Terminal, text: string): Promise<string> {
  const row = (await terminal.styledRows()).find((line) =>
    plainText(line).includes(text),
  );
  if (row === undefined) throw new Error(`no row shows "${text}"`);
  return row;
}

/**
 * Starts logging what the client writes; returns a function that waits
 * until the log holds `marker`, then counts the bells rung before it.
 */
async function bellCounter(
  terminal: Terminal,
): Promise<(marker: string) => Promise<number>> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'termchat-e2e-bell-'));
  logDirs.push(dir);
  const file = path.join(dir, 'output');
  await terminal.logOutput(file);
  return async (marker) => {
    const deadline = Date.now() + 10_000;
    for (;;) {
      const output = readLog(file);
      const end = output.indexOf(marker);
      if (end >= 0) {
        // A BEL also ends an OSC sequence; only a bare one rings.
        // eslint-disable-next-line no-control-regex -- OSC is ESC ] … BEL
        const before = output.slice(0, end).replace(/\x1b\][^\x07]*\x07/g, '');
        return before.split('\x07').length - 1;
      }
      if (Date.now() > deadline) {
        throw new Error(`"${marker}" never reached the terminal`);
      }
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  };
}

function readLog(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return '';
  }
}

describe('colour in a real terminal', { timeout: 60_000 }, () => {
  it.each([
    ['NO_COLOR=1', [], { NO_COLOR: '1' }],
    ['--no-color', ['--no-color'], {}],
  ])(
    'draws no colour with %s, yet a mention is bold and inverse and a private message underlined',
    async (_how, args, env) => {
      users += 1;
      const me = `mono${users}`;
      const quiet = `a quiet word, case ${users}`;
      const plain = `nothing special, case ${users}`;
      const terminal = await loggedIn(me, args, { env });
      const friend = await speaker();
      friend.say(`look here @${me}`);
      friend.whisper(me, quiet);
      friend.say(plain);
      await terminal.waitFor((screen) => screen.includes(plain));

      const rows = await terminal.styledRows();
      expect(coloursIn(rows)).toEqual([]);
      const mention = styleOf(
        await styledRow(terminal, `look here @${me}`),
        'look',
      );
      expect(mention).toMatchObject({ bold: true, inverse: true });
      const whisper = styleOf(await styledRow(terminal, quiet), 'a quiet');
      expect(whisper.underline).toBe(true);
      expect(
        styleOf(await styledRow(terminal, plain), 'nothing'),
      ).toMatchObject({
        bold: false,
        inverse: false,
      });
    },
  );

  it('draws in colour when neither NO_COLOR nor --no-color is given', async () => {
    const terminal = await loggedIn('painter');
    const friend = await speaker();
    friend.say('hello @painter');
    await terminal.waitFor((screen) => screen.includes('hello @painter'));

    const rows = await terminal.styledRows();
    expect(coloursIn(rows).length).toBeGreaterThan(0);
    const row = await styledRow(terminal, 'hello @painter');
    expect(styleOf(row, 'hello').bold).toBe(true);
    expect(styleOf(row, 'hello').fg).not.toBeNull();
  });
});

describe('mentions in a real terminal', { timeout: 60_000 }, () => {
  it('highlights @name and the bare name and rings the bell once for each', async () => {
    const terminal = await loggedIn('alice');
    const countBells = await bellCounter(terminal);
    const bob = await speaker('bob');
    bob.say('ping @alice');
    bob.say('malice is no mention');
    bob.say('lunch, Alice?');
    bob.say('that is all (latin)');
    await terminal.waitFor((screen) => screen.includes('that is all (latin)'));

    expect(await countBells('that is all (latin)')).toBe(2);
    const screen = await terminal.screen();
    expect(screen).toMatch(/\d\d:\d\d @ bob\d+: ping @alice/);
    expect(screen).toMatch(/\d\d:\d\d @ bob\d+: lunch, Alice\?/);
    expect(screen).toMatch(/\d\d:\d\d {3}bob\d+: malice is no mention/);
    const mention = await styledRow(terminal, 'lunch, Alice?');
    expect(styleOf(mention, 'lunch').bold).toBe(true);
    const other = await styledRow(terminal, 'malice is no mention');
    expect(styleOf(other, 'malice').bold).toBe(false);
  });

  it('highlights a bare CJK name inside CJK text and rings for it', async () => {
    const terminal = await loggedIn('小明');
    const countBells = await bellCounter(terminal);
    const wang = await speaker('wang');
    wang.say('谢谢小明');
    wang.say('小红你好');
    wang.say('@小明 看一下');
    wang.say('that is all (CJK)');
    await terminal.waitFor((screen) => screen.includes('that is all (CJK)'));

    expect(await countBells('that is all (CJK)')).toBe(2);
    const screen = await terminal.screen();
    expect(screen).toMatch(/\d\d:\d\d @ wang\d+: 谢谢小明/);
    expect(screen).toMatch(/\d\d:\d\d @ wang\d+: @小明 看一下/);
    expect(screen).toMatch(/\d\d:\d\d {3}wang\d+: 小红你好/);
    const mention = await styledRow(terminal, '谢谢小明');
    expect(styleOf(mention, '谢谢').bold).toBe(true);
  });

  it('still highlights but rings no bell with --no-bell', async () => {
    const terminal = await loggedIn('quiet', ['--no-bell']);
    const countBells = await bellCounter(terminal);
    const bob = await speaker('bob');
    bob.say('ping @quiet');
    bob.say('quiet, are you there?');
    bob.say('that is all (quiet)');
    await terminal.waitFor((screen) => screen.includes('that is all (quiet)'));

    expect(await countBells('that is all (quiet)')).toBe(0);
    const screen = await terminal.screen();
    expect(screen).toMatch(/\d\d:\d\d @ bob\d+: ping @quiet/);
    expect(screen).toMatch(/\d\d:\d\d @ bob\d+: quiet, are you there\?/);
  });
});
