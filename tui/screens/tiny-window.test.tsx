import { afterEach, describe, expect, it } from 'vitest';
import { MessageType } from '../../shared/protocol.ts';
import { cellWidth } from '../text/graphemes.ts';
import {
  isChatFitting,
  MIN_CHAT_COLUMNS,
  MIN_CHAT_ROWS,
} from './chat-layout.ts';
import { tooSmallRows } from './TooSmallScreen.tsx';
import {
  mountApp,
  mountLoggedIn,
  type MountedApp,
} from '../testing/mount-app.tsx';

let app: MountedApp;
afterEach(() => app.close());

const tick = () => new Promise((resolve) => setTimeout(resolve, 5));

/** Resizes the fake terminal and returns the frame drawn for it. */
async function frameAt(columns: number, rows: number): Promise<string> {
  let count = app.stdout.frames.length;
  app.stdout.resize(columns, rows);
  // Every screen leaves the last row spare. Ink may first repaint the
  // frame of the old size, so the frame must have the new height.
  const height = Math.max(1, rows - 1);
  await app.waitFor(
    (screen) =>
      app.stdout.frames.length > count && screen.split('\n').length === height,
  );
  // A layout effect may draw a second frame for the same size: the
  // frame drawn last is the one that stays.
  do {
    count = app.stdout.frames.length;
    await tick();
  } while (app.stdout.frames.length > count);
  return app.screen();
}

/**
 * What is wrong with a frame for a `columns` x `rows` window: a row too
 * wide, too many rows, or not the screen that size should show.
 */
function problemsOf(
  screen: string,
  columns: number,
  rows: number,
  isWhole: (lines: string[]) => boolean,
): string[] {
  const lines = screen.split('\n');
  const problems = lines
    .map((line, index) => ({ index, cells: cellWidth(line) }))
    .filter(({ cells }) => cells > columns)
    .map(({ index, cells }) => `row ${index} is ${cells} cells`);
  if (lines.length > rows) problems.push(`${lines.length} rows`);
  const notice = tooSmallRows(
    { columns, rows },
    { columns: MIN_CHAT_COLUMNS, rows: MIN_CHAT_ROWS },
    Math.max(1, rows - 1),
  );
  if (!isChatFitting(columns, rows)) {
    const shown = lines.slice(0, notice.length).map((line) => line.trimEnd());
    if (shown.join('\n') !== notice.join('\n')) problems.push('no notice');
  } else if (!isWhole(lines)) {
    problems.push('not drawn whole');
  }
  return problems;
}

/** Draws every size from 1x1 to `columns` x `rows` and checks each. */
async function sweep(
  columns: number,
  rows: number,
  isWhole: (lines: string[]) => boolean,
): Promise<string[]> {
  const problems: string[] = [];
  for (let width = 1; width <= columns; width += 1) {
    for (let height = 1; height <= rows; height += 1) {
      const screen = await frameAt(width, height);
      for (const problem of problemsOf(screen, width, height, isWhole)) {
        problems.push(`${width}x${height}: ${problem}\n${screen}`);
      }
    }
  }
  return problems;
}

/** The chat screen: its frames closed, the prompt, the key hint last. */
function isChatWhole(lines: string[]): boolean {
  const drawn = lines.filter((line) => line.trim() !== '');
  const corners = drawn.join('').match(/[╭╮╰╯]/g)?.length ?? 0;
  return (
    corners % 4 === 0 &&
    drawn.some((line) => line.startsWith('│> ')) &&
    drawn.at(-1)!.trimEnd().endsWith('F1 help')
  );
}

/** The login form: its title and every field, one row each, in order. */
function isLoginWhole(lines: string[]): boolean {
  const top = lines.findIndex((line) => line.trim() === 'termchat');
  const fields = lines.slice(top + 3, top + 6).map((line) => line.trim());
  return (
    top >= 0 &&
    fields[0]!.startsWith('Name') &&
    fields[1]!.startsWith('Password') &&
    fields[2]!.startsWith('Mode')
  );
}

const say = (sender: string, text: string) =>
  app.server.peers[0]!.send(MessageType.Chat, {
    Sender: sender,
    Content: `${sender}: ${text}`,
    Text: text,
    Time: Date.now(),
  });

describe('the client in a tiny window', () => {
  it('draws every row of the chat screen within the window from 1x1 to 30x12, with CJK and emoji in the draft, names and status', async () => {
    app = await mountLoggedIn('小明😀');
    app.server.peers[0]!.send(MessageType.List, {
      Content: '小明😀 王芳 bob',
    });
    say('王芳', '你好，世界 😀👍🏽 a long line that has to wrap');
    await app.type('草稿 keep 😀 me');
    await app.waitFor((screen) => screen.includes('草稿 keep'));

    expect(await sweep(30, 12, isChatWhole)).toEqual([]);
  });

  it('draws every row within the window with the side panes forced on and with help open', async () => {
    app = await mountLoggedIn('小明😀');
    say('王芳', '你好，世界 😀👍🏽');
    // F2 twice: hidden, then shown at every width.
    await app.type('\x1bOQ');
    await app.waitFor((screen) => !screen.includes('Online ('));
    await app.type('\x1bOQ');
    await app.waitFor((screen) => screen.includes('Online ('));
    expect(await sweep(30, 12, isChatWhole)).toEqual([]);

    await frameAt(100, 30);
    await app.type('\x1bOP');
    await app.waitFor((screen) => screen.includes('Commands'));
    expect(await sweep(30, 12, isChatWhole)).toEqual([]);
  });

  it('keeps the draft, the scrolled-up view and the session through a window too small to draw, and shows them again when it grows', async () => {
    app = await mountLoggedIn('小明😀');
    for (let i = 1; i <= 40; i += 1) say('bob', `line ${i}`);
    await app.waitFor((screen) => screen.includes('line 40'));
    await app.type('\x1b[5~', '草稿 keep 😀 me');
    const before = await app.waitFor(
      (screen) => screen.includes('scrolled up') && screen.includes('草稿'),
    );

    const small = await frameAt(14, 6);
    expect(small.split('\n').map((row) => row.trimEnd())).toEqual([
      'Window too',
      'small: 14x6;',
      'make it at',
      'least 18x9',
      '',
    ]);
    // Typed unseen, a key would change what the grown window shows.
    await app.type('x', '\x1b[6~');
    say('bob', 'while small');

    const grown = await frameAt(100, 30);
    expect(grown.replace('1 new below', 'scrolled up')).toBe(before);
    await app.type('\r');
    const sent = await app.server.waitForFrame(
      (frame) => frame.Type === MessageType.Chat,
    );
    expect(sent.Content).toBe('草稿 keep 😀 me');
    const logins = app.server.received.filter(
      (frame) => frame.Type === MessageType.Login,
    );
    expect(logins).toHaveLength(1);
  });

  it('draws every row of the login screen within the window from 1x1 to 30x12', async () => {
    app = await mountApp();
    await app.type('王芳😀', '\t', 'pw');
    await app.waitFor((screen) => screen.includes('**'));
    expect(await sweep(30, 12, isLoginWhole)).toEqual([]);
  });
});
