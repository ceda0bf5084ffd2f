import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { MessageType } from '../../shared/protocol.ts';
import { formatDay } from '../../tui/panes/message-format.ts';
import {
  acceptEveryone,
  startFakeServer,
  type FakeServer,
} from '../../tui/testing/fake-server.ts';
import { TestClient } from '../helpers/client.ts';
import { useE2eRoom } from './room.ts';
import { Terminal } from './tmux.ts';

const room = useE2eRoom();
const cleanups: (() => Promise<void> | void)[] = [];

afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

const NEW_SINCE = 'new since you were last here';

/** A state directory that outlives one client, removed after the test. */
function keptStateDir(): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'termchat-e2e-state-'));
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

/**
 * Opens a client on `port` that keeps its state in `stateDir`. After the
 * test it quits and is waited for before the directory goes, since a
 * client that is still ending can write its state there again.
 */
async function openWithState(port: number, stateDir: string) {
  const terminal = room.track(
    await Terminal.open(port, 80, 24, [], { stateDir }),
  );
  cleanups.push(async () => {
    await terminal.keys('C-c');
    await terminal.waitForExit();
  });
  return terminal;
}

/** The index of the only row that includes `text`; fails on none or two. */
function rowOf(rows: readonly string[], text: string): number {
  const found = rows.flatMap((row, index) =>
    row.includes(text) ? [index] : [],
  );
  expect(found, `rows showing "${text}"`).toHaveLength(1);
  return found[0]!;
}

/** Noon UTC on a day of March 2026: the same calendar day in most zones. */
const march = (day: number) => Date.UTC(2026, 2, day, 12);

/** A fake server that replays `history` to whoever logs in. */
async function replayingServer(
  history: { id: string; time: number; text: string }[],
): Promise<FakeServer> {
  const server = await startFakeServer();
  cleanups.push(() => server.close());
  server.onFrame = (peer, frame) => {
    acceptEveryone(peer, frame);
    if (frame.Type !== MessageType.Login) return;
    for (const { id, time, text } of history) {
      peer.send(MessageType.Chat, {
        Sender: 'eve',
        Content: `eve: ${text}`,
        Text: text,
        Id: id,
        Time: time,
        History: true,
      });
    }
  };
  return server;
}

describe('history marks in a real terminal', { timeout: 60_000 }, () => {
  it('draws "new since you were last here" before the first message sent while you were away', async () => {
    const stateDir = keptStateDir();
    const first = await openWithState(room.server.port, stateDir);
    await first.login('returner', 'pw', true);
    const bob = await TestClient.connect(room.server.port);
    cleanups.push(() => bob.close());
    await bob.register('bob', 'pw');
    await bob.login('bob', 'pw');
    bob.say('said while you were here');
    await first.waitFor((screen) => screen.includes('said while you were'));
    await first.send('/quit');
    await first.waitForExit();

    bob.say('said while you were away');
    bob.say('and a second one');
    const again = await openWithState(room.server.port, stateDir);
    await again.login('returner', 'pw');
    const screen = await again.waitFor((text) =>
      text.includes('and a second one'),
    );

    const rows = screen.split('\n');
    const rule = rowOf(rows, NEW_SINCE);
    expect(rows[rule]).toMatch(/│─+ new since you were last here ─+│/);
    expect(rowOf(rows, 'said while you were here')).toBeLessThan(rule);
    expect(rowOf(rows, 'said while you were away')).toBe(rule + 1);
    expect(rowOf(rows, 'and a second one')).toBeGreaterThan(rule + 1);
  });

  it('draws no "new since" line for a first visit', async () => {
    const server = await replayingServer([
      { id: '1', time: march(1), text: 'an old message' },
    ]);
    const terminal = room.track(await Terminal.open(server.port));
    await terminal.login('newcomer', 'pw');
    const screen = await terminal.waitFor((text) =>
      text.includes('an old message'),
    );
    expect(screen).not.toContain(NEW_SINCE);
  });

  it('puts a day separator before each day of replayed history', async () => {
    const server = await replayingServer([
      { id: '1', time: march(1), text: 'first day' },
      { id: '2', time: march(1) + 60_000, text: 'later that day' },
      { id: '3', time: march(2), text: 'second day' },
      { id: '4', time: march(5), text: 'fifth day' },
    ]);
    const terminal = room.track(await Terminal.open(server.port));
    await terminal.login('reader', 'pw');
    const screen = await terminal.waitFor((text) => text.includes('fifth day'));

    const rows = screen.split('\n');
    const days = [march(1), march(2), march(5)].map((time) =>
      rowOf(rows, ` ${formatDay(time)} `),
    );
    for (const day of days) expect(rows[day]).toMatch(/^│─+ \S.* ─+│/);
    expect(rowOf(rows, 'eve: first day')).toBe(days[0]! + 1);
    expect(rowOf(rows, 'eve: later that day')).toBe(days[0]! + 2);
    expect(rowOf(rows, 'eve: second day')).toBe(days[1]! + 1);
    expect(rowOf(rows, 'eve: fifth day')).toBe(days[2]! + 1);
  });

  it('shows both the day and the "new since" line when the unseen messages start a new day', async () => {
    const history = [
      { id: '1', time: march(1), text: 'read before' },
      { id: '2', time: march(3), text: 'missed on the third' },
      { id: '3', time: march(3) + 60_000, text: 'missed again' },
    ];
    const server = await replayingServer(history);
    const stateDir = keptStateDir();
    mkdirSync(path.join(stateDir, 'termchat'));
    writeFileSync(
      path.join(stateDir, 'termchat', 'last-seen.json'),
      JSON.stringify({
        [`127.0.0.1:${server.port}/reader`]: { id: '1', time: march(1) },
      }),
    );
    const terminal = await openWithState(server.port, stateDir);
    await terminal.login('reader', 'pw');
    const screen = await terminal.waitFor((text) =>
      text.includes('missed again'),
    );

    const rows = screen.split('\n');
    const firstDay = rowOf(rows, ` ${formatDay(march(1))} `);
    const thirdDay = rowOf(rows, ` ${formatDay(march(3))} `);
    const rule = rowOf(rows, NEW_SINCE);
    expect(rowOf(rows, 'eve: read before')).toBe(firstDay + 1);
    expect(thirdDay).toBe(firstDay + 2);
    expect(rule).toBe(thirdDay + 1);
    expect(rowOf(rows, 'eve: missed on the third')).toBe(rule + 1);
  });
});
