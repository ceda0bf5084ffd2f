import { afterEach, describe, expect, it } from 'vitest';
import { MessageType } from '../../shared/protocol.ts';
import { formatDay } from '../panes/message-format.ts';
import { mountLoggedIn, type MountedApp } from '../testing/mount-app.tsx';

let app: MountedApp;
afterEach(() => app.close());

const PAGE_UP = '\x1b[5~';
const HOME = '\x1b[H';
const END = '\x1b[F';
const LEFT = '\x1b[D';
// Noon, so the day is the same in every time zone the test runs in.
const FRIDAY = new Date(2026, 11, 4, 12, 0).getTime();

const peer = () => app.server.peers[0]!;
const say = (sender: string, text: string) =>
  peer().send(MessageType.Chat, {
    Sender: sender,
    Content: `${sender}: ${text}`,
    Text: text,
    Time: FRIDAY,
  });

/** The rows inside the messages pane (100x30: 74 columns, 22 rows). */
function messageRows(screen: string): string[] {
  return screen
    .split('\n')
    .slice(1, 23)
    .map((row) => row.slice(1, 73).trimEnd());
}

async function sixtyLines(): Promise<void> {
  for (let i = 0; i < 60; i += 1)
    say('bob', `line ${String(i).padStart(2, '0')}`);
  await app.waitFor((text) => text.includes('line 59'));
}

describe('a scrolled-up messages pane', () => {
  it('shows the first day separator above the oldest message after Home, and keeps it after PgUp', async () => {
    app = await mountLoggedIn();
    await sixtyLines();
    expect(app.screen()).not.toContain(formatDay(FRIDAY));

    await app.type(HOME);
    const top = messageRows(
      await app.waitFor((text) => text.includes('line 00')),
    );
    expect(top[0]).toMatch(/^─+ Friday, 4 December 2026 ─+$/);
    expect(top[1]).toMatch(/^\d\d:\d\d {3}bob: line 00$/);
    expect(top.at(-1)).toMatch(/^─+ scrolled up · End to jump down ─+$/);
    expect(top.at(-2)).toMatch(/bob: line 19$/);

    await app.type(PAGE_UP);
    expect(messageRows(app.screen())[0]).toMatch(/Friday, 4 December 2026/);
  });

  it('says it is scrolled up, then counts the messages that arrive below but not joins or leaves', async () => {
    app = await mountLoggedIn();
    await sixtyLines();
    await app.type(PAGE_UP);
    const held = messageRows(
      await app.waitFor((text) => text.includes('End to jump down')),
    );
    expect(held.at(-1)).toMatch(/^─+ scrolled up · End to jump down ─+$/);

    peer().send(MessageType.Chat, {
      Sender: 'carol',
      Event: 'join',
      Content: 'carol joined',
    });
    say('carol', 'hello');
    peer().send(MessageType.Private, {
      Sender: 'carol',
      Receiver: 'alice',
      Content: 'psst',
      Text: 'psst',
    });
    peer().send(MessageType.Chat, {
      Sender: 'dave',
      Event: 'leave',
      Content: 'dave left',
    });
    say('carol', 'bye');
    const after = messageRows(
      await app.waitFor((text) => text.includes('3 new below')),
    );
    expect(after.at(-1)).toMatch(/^─+ 3 new below · End to jump down ─+$/);
    expect(after.slice(0, -1)).toEqual(held.slice(0, -1));
  });

  it('jumps down with End while a line is half typed, once the cursor is at its end', async () => {
    app = await mountLoggedIn();
    await sixtyLines();
    await app.type('draft', LEFT, LEFT, PAGE_UP);
    await app.waitFor((text) => text.includes('End to jump down'));

    // The first End goes to the end of the line: "!" lands there.
    await app.type(END, '!');
    const held = await app.waitFor((text) => text.includes('│> draft! '));
    expect(held).toContain('End to jump down');

    await app.type(END);
    const newest = await app.waitFor((text) => !text.includes('End to jump'));
    expect(messageRows(newest).at(-1)).toMatch(/bob: line 59$/);
    expect(newest).toContain('│> draft! ');
  });

  it('leaves no blank rows above the first line when the terminal grows while scrolled up', async () => {
    app = await mountLoggedIn();
    await sixtyLines();
    await app.type(HOME);
    await app.waitFor((text) => text.includes('line 00'));

    app.stdout.resize(100, 50);
    const grown = await app.waitFor((text) => text.includes('line 39'));
    // 100x50: the messages pane has 42 rows inside its border.
    const rows = grown
      .split('\n')
      .slice(1, 43)
      .map((row) => row.slice(1, 73).trimEnd());
    expect(rows[0]).toMatch(/^─+ Friday, 4 December 2026 ─+$/);
    expect(rows[1]).toMatch(/bob: line 00$/);
    expect(rows.at(-2)).toMatch(/bob: line 39$/);
    expect(rows.at(-1)).toMatch(/ scrolled up · End to jump down /);
  });
});
