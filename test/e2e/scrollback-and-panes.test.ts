import { describe, expect, it } from 'vitest';
import { MessageType } from '../../shared/protocol.ts';
import { formatDay } from '../../tui/panes/message-format.ts';
import { chatLayout } from '../../tui/screens/chat-layout.ts';
import { activityRows, drawnFrame, messageRows } from './chat-frame.ts';
import { waitForInput } from './input-row.ts';
import { useE2eRoom } from './room.ts';
import { rowCells } from './tmux.ts';

const room = useE2eRoom({
  // Raw users send dozens of lines at once; each reader starts with an
  // empty pane, whatever the tests before it said.
  FLOOD_BURST: '0',
  FLOOD_PER_SECOND: '0',
  HISTORY_REPLAY: '0',
});
const rawUser = (name: string) => room.rawUser(name);

const pad = (n: number) => String(n).padStart(2, '0');

describe(
  'scrollback and the side panes in a real terminal',
  { timeout: 60_000 },
  () => {
    it('pages through 40 lines, holds still and counts what arrives while scrolled up, and Home reaches the first day separator', async () => {
      const layout = chatLayout(80, 24, null);
      const writer = await rawUser('writer');
      const reader = await room.open();
      await reader.login('reader', 'rpw', true);
      const firstDay = formatDay(Date.now());
      for (let i = 1; i <= 40; i += 1) writer.say(`scroll ${pad(i)}`);
      const following = messageRows(
        await reader.waitFor((screen) => screen.includes('scroll 40')),
        layout,
      );
      expect(following[0]).toMatch(/writer: scroll 25$/);
      expect(following.at(-1)).toMatch(/writer: scroll 40$/);

      await reader.keys('PPage');
      const held = messageRows(
        await reader.waitFor((screen) => screen.includes('End to jump down')),
        layout,
      );
      expect(held[0]).toMatch(/writer: scroll 12$/);
      expect(held.at(-2)).toMatch(/writer: scroll 26$/);
      expect(held.at(-1)).toMatch(/^─+ scrolled up · End to jump down ─+$/);

      writer.say('late 1');
      writer.say('late 2');
      await writer.nextFrame((frame) => frame.Text === 'late 2');
      // Its join reaches the reader before its message does.
      const joiner = await rawUser('joiner');
      joiner.say('late 3');
      const counted = await reader.waitFor((screen) =>
        screen.includes('3 new below'),
      );
      expect(counted).toContain('Online (3)');
      expect(counted).not.toContain('late');
      const countedRows = messageRows(counted, layout);
      expect(countedRows.slice(0, -1)).toEqual(held.slice(0, -1));
      expect(countedRows.at(-1)).toMatch(
        /^─+ 3 new below · End to jump down ─+$/,
      );

      await reader.keys('NPage');
      const pagedDown = messageRows(
        await reader.waitFor((screen) => screen.includes('scroll 40')),
        layout,
      );
      expect(pagedDown.at(-2)).toMatch(/writer: scroll 40$/);
      expect(pagedDown.at(-1)).toMatch(/ 3 new below · End to jump down /);
      await reader.keys('NPage');
      const bottom = messageRows(
        await reader.waitFor((screen) => !screen.includes('End to jump down')),
        layout,
      );
      expect(bottom.slice(-4)).toEqual([
        expect.stringMatching(/writer: late 1$/),
        expect.stringMatching(/writer: late 2$/),
        expect.stringMatching(/- joiner joined/),
        expect.stringMatching(/joiner: late 3$/),
      ]);

      await reader.keys('PPage');
      await reader.waitFor((screen) => screen.includes('scrolled up · End'));
      await reader.keys('End');
      const followed = messageRows(
        await reader.waitFor((screen) => !screen.includes('End to jump down')),
        layout,
      );
      expect(followed.at(-1)).toMatch(/joiner: late 3$/);

      await reader.keys('Home');
      const top = messageRows(
        await reader.waitFor((screen) => screen.includes('scroll 01')),
        layout,
      );
      const day = top[0]!.replace(/^─+ | ─+$/g, '');
      expect([firstDay, formatDay(Date.now())]).toContain(day);
      expect(top[1]).toMatch(/writer: scroll 01$/);
      expect(top.at(-2)).toMatch(/writer: scroll 14$/);
      expect(top.at(-1)).toMatch(/ scrolled up · End to jump down /);

      // With a line half typed, End first goes to its end, then down.
      await reader.keys('draft', 'Left', 'Left', 'End', '!');
      await waitForInput(reader, { text: 'draft!' });
      expect(await reader.screen()).toContain('scrolled up · End to jump down');
      await reader.keys('End');
      const drafting = messageRows(
        await reader.waitFor((screen) => !screen.includes('End to jump down')),
        layout,
      );
      expect(drafting.at(-1)).toMatch(/joiner: late 3$/);
      await waitForInput(reader, { text: 'draft!' });
    });

    it('shows a quieter user their own place in the Activity pane below eight busier users', async () => {
      const layout = chatLayout(80, 24, null);
      const busy = await Promise.all(
        Array.from({ length: 8 }, (_, i) => rawUser(`busy${i + 1}`)),
      );
      for (const [i, user] of busy.entries()) {
        for (let k = 1; k <= 4; k += 1) user.say(`busy ${i + 1} says ${k}`);
      }
      const quiet = await room.open();
      await quiet.login('quiet', 'qpw', true);
      await quiet.send('a word from the quiet one');
      await quiet.send('and another');
      await busy[0]!.nextFrame((frame) => frame.Text === 'and another');

      // The server's own answer: 2 points a login, 1 a message, so quiet
      // has 4 once both messages are counted.
      let place = 0;
      for (let attempt = 0; attempt < 50 && place === 0; attempt += 1) {
        busy[0]!.send({ Type: MessageType.Rank });
        const reply = await busy[0]!.nextFrame(
          (frame) => frame.Type === MessageType.Rank,
        );
        const index = reply.Rank!.findIndex(
          (entry) => entry.Name === 'quiet' && entry.Score === 4,
        );
        place = index + 1;
      }
      expect(place).toBeGreaterThanOrEqual(9);

      const screen = await quiet.waitFor(
        (text) => text.includes(`you: #${place} (4)`),
        15_000,
      );
      const rows = activityRows(screen, layout);
      expect(rows[0]).toBe('Activity');
      expect(rows).toHaveLength(7);
      expect(rows.slice(1, -1).map((row) => row.slice(0, 2))).toEqual([
        ' 1',
        ' 2',
        ' 3',
        ' 4',
        ' 5',
      ]);
      expect(rows.at(-1)).toBe(`you: #${place} (4)`);
    });

    it('redraws every border with no stale or doubled line from 80x24 to 80x12, 80x30 and back', async () => {
      const talker = await rawUser('talker');
      const viewer = await room.open();
      await viewer.login('viewer', 'vpw', true);
      for (let i = 1; i <= 20; i += 1) talker.say(`resize ${pad(i)}`);
      await viewer.waitFor((screen) => screen.includes('resize 20'));

      for (const height of [12, 30, 24]) {
        const layout = chatLayout(80, height, null);
        const paneRows = layout.mainHeight - 2;
        await viewer.resize(80, height);
        const screen = await drawnFrame(viewer, layout, (text) =>
          text.includes('resize 20'),
        );
        const numbers = messageRows(screen, layout)
          .map((row) => /talker: resize (\d\d)$/.exec(row)?.[1])
          .filter((number) => number !== undefined)
          .map(Number);
        // Each line once, in order, down to the newest: as many as fit.
        const count = Math.min(20, paneRows);
        const tail = Array.from({ length: count }, (_, n) => 21 - count + n);
        expect(numbers, screen).toEqual(tail);
      }

      // Scrolled to the top, then grown past the lines: nothing is left
      // to scroll, so the view follows again, the day on top of them all.
      await viewer.keys('Home');
      await viewer.waitFor((screen) => screen.includes('scrolled up'));
      const tall = chatLayout(80, 40, null);
      await viewer.resize(80, 40);
      const grown = messageRows(
        await drawnFrame(viewer, tall, (text) => !text.includes('scrolled up')),
        tall,
      );
      const first = grown.findIndex((row) => row.endsWith('resize 01'));
      expect(grown[first - 1]).toMatch(/^─+ .+ ─+$/);
      expect(grown.at(-1)).toMatch(/talker: resize 20$/);
    });

    it('shows a notice that fits a 14x6 window, and the same screen with the draft and the held view when it grows back to 80x24', async () => {
      const talker = await rawUser('chatter');
      const viewer = await room.open();
      await viewer.login('shrinker', 'spw', true);
      for (let i = 1; i <= 30; i += 1) talker.say(`tiny ${pad(i)}`);
      await viewer.waitFor((screen) => screen.includes('tiny 30'));
      await viewer.keys('PPage');
      await viewer.type('草稿 keep 😀');
      const layout = chatLayout(80, 24, null);
      const before = await drawnFrame(
        viewer,
        layout,
        (screen) => screen.includes('scrolled up') && screen.includes('草稿'),
      );

      await viewer.resize(14, 6);
      const small = await viewer.waitFor((screen) =>
        screen.includes('least 18x9'),
      );
      const rows = small.split('\n');
      expect(
        rows.slice(0, 4).map((row) => row.trimEnd()),
        small,
      ).toEqual(['Window too', 'small: 14x6;', 'make it at', 'least 18x9']);
      expect(rows.every((row) => rowCells(row) <= 14)).toBe(true);
      expect(rows.length).toBeLessThanOrEqual(6);

      await viewer.resize(80, 24);
      const grown = await drawnFrame(viewer, layout, (screen) =>
        screen.includes('草稿'),
      );
      expect(grown).toBe(before);
      await waitForInput(viewer, { text: '草稿 keep 😀' });
    });

    it('hides the side panes at 60 columns, and F2 and Ctrl+P each bring them back and hide them again', async () => {
      const viewer = await room.open(60, 24);
      await viewer.login('narrow', 'npw', true);
      const hidden = chatLayout(60, 24, false);
      const shown = chatLayout(60, 24, true);
      const isShown = (screen: string) => screen.includes('Online (');

      await drawnFrame(viewer, hidden, (screen) => !isShown(screen));
      for (const key of ['F2', 'C-p']) {
        await viewer.keys(key);
        const screen = await drawnFrame(viewer, shown, isShown);
        expect(screen.split('\n')[1]).toMatch(/│Online \(\d+\) +│$/);
        await viewer.keys(key);
        await drawnFrame(viewer, hidden, (text) => !isShown(text));
      }
    });
  },
);
