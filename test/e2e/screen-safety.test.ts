import { describe, expect, it } from 'vitest';
import { MessageType } from '../../shared/protocol.ts';
import {
  acceptEveryone,
  startFakeServer,
} from '../../tui/testing/fake-server.ts';
import { chatLayout } from '../../tui/screens/chat-layout.ts';
import { drawnFrame } from './chat-frame.ts';
import { waitForInput } from './input-row.ts';
import { useE2eRoom } from './room.ts';
import { Terminal, columnsOf, rowCells } from './tmux.ts';

const room = useE2eRoom();
const open = room.open;
const rawUser = (name: string) => room.rawUser(name);

const BORDERS = new Set(['│', '╭', '╮', '╰', '╯']);

/** Cell columns of every border character in a row. */
function borderColumns(row: string): number[] {
  return [...BORDERS]
    .flatMap((char) => columnsOf(row, char))
    .sort((a, b) => a - b);
}

describe(
  'what arrives over the network cannot take over the terminal',
  { timeout: 60_000 },
  () => {
    it('lets no message clear the screen, retitle the window or fake a speaker', async () => {
      const victim = await open();
      await victim.login('victim', 'vpw', true);
      const mallory = await rawUser('mallory');
      mallory.say('before the attack');
      await victim.waitFor((screen) => screen.includes('before the attack'));

      mallory.say('x\x1b[2J\x1b[H\x1b]0;pwned\x07\rvictim: I agree to pay');
      const screen = await victim.waitFor((text) => text.includes('pwned'));

      expect(screen).toContain('before the attack');
      expect(screen).toMatch(
        /mallory: x.*\[2J.*\[H.*\]0;pwned.*victim: I agree/,
      );
      expect(screen).not.toMatch(/^│\d\d:\d\d {3}victim: I agree/m);
      const title = await victim.tmux(
        'display-message',
        '-p',
        '-t',
        'main',
        '#{pane_title}',
      );
      expect(title).not.toContain('pwned');
      expect(screen).toContain('● online');
    });

    it('shows escapes from a hostile server as visible symbols', async () => {
      const hostile = await startFakeServer();
      hostile.onFrame = acceptEveryone;
      try {
        const terminal = await Terminal.open(hostile.port);
        room.track(terminal);
        await terminal.login('victim', 'pw');
        const peer = hostile.peers[0]!;
        peer.send(MessageType.Chat, {
          Sender: 'eve',
          Content: 'eve: calm',
          Text: 'calm',
        });
        await terminal.waitFor((text) => text.includes('eve: calm'));
        const attack =
          'x\x1b[2J\x1b]0;pwned\x07\x1b]52;c;aGVsbG8=\x07\rbob: fake\u202Eevil';
        peer.send(MessageType.Chat, {
          Sender: 'e\x1b[31mve',
          Content: attack,
          Text: attack,
        });
        const screen = await terminal.waitFor((text) => text.includes('pwned'));

        expect(screen).toContain('eve: calm');
        expect(screen).toContain('e␛[31mve:');
        expect(screen).toContain('x␛[2J␛]0;pwned␇␛]52;c;aGVsbG8=␇␍bob:');
        expect(screen).toContain('fake[RLO]evil');
        const title = await terminal.tmux(
          'display-message',
          '-p',
          '-t',
          'main',
          '#{pane_title}',
        );
        expect(title).not.toContain('pwned');
      } finally {
        await hostile.close();
      }
    });

    it('keeps the status line on one 100-column row whatever reason the server gives', async () => {
      const hostile = await startFakeServer();
      let logins = 0;
      hostile.onFrame = (peer, frame) => {
        if (frame.Type !== MessageType.Login) return;
        logins += 1;
        if (logins === 1) return acceptEveryone(peer, frame);
        peer.send(MessageType.Register, {
          Content: 'Account locked.\tAsk an admin.\nSecond line',
        });
      };
      try {
        const terminal = await Terminal.open(hostile.port, 100, 30);
        room.track(terminal);
        await terminal.login('victim', 'pw');
        hostile.peers[0]!.socket.destroy();
        const screen = await terminal.waitFor((text) =>
          text.includes('Account locked.'),
        );

        const rows = screen.split('\n');
        const status = rows[28]!;
        expect(status).toContain('✕ offline: Account locked.  Ask an admin.');
        expect(columnsOf(status, 'F')).toEqual([92]);
        expect(status).toMatch(/ F1 help$/);
        expect(rows[29]).toBe('');
        expect(status).not.toContain('Second line');
      } finally {
        await hostile.close();
      }
    });

    it('keeps borders aligned in an 80-column CJK and emoji conversation', async () => {
      const mei = await open();
      await mei.login('美玲', 'mpw', true);
      const friend = await rawUser('友達');
      friend.say(
        '你好！今天天气很好，我们去公园散步吧 😀👍 then some English words to wrap the line',
      );
      await mei.send('好的 💻 出发 🚲');
      friend.say('カタカナとひらがな、漢字 🎉🎉🎉');
      // tmux 3.3a draws a skin tone 4 cells wide and ❤️ 1 cell wide, where
      // string-width (and so Ink) counts 2: the client must notice.
      friend.say('私信 👍🏽 test ❤️ 家族 👨‍👩‍👧 🇯🇵 end');
      await mei.send('我也 👍🏽❤️');
      // tmux gives zero-width characters a cell: drawn, they would push
      // the border out and cut the end of the row.
      friend.say('zero\u200bwidth\u2060and\u00adsoft 中文 end');
      const screen = await mei.waitFor((text) =>
        ['🎉🎉🎉', '› 美玲: 我也', 'zerowidth'].every((part) =>
          text.includes(part),
        ),
      );

      const rows = screen.split('\n');
      expect(rows[0]).toBe(`╭${'─'.repeat(52)}╮╭${'─'.repeat(24)}╮`);
      for (const row of rows.slice(1, 17)) {
        expect(borderColumns(row), row).toEqual([0, 53, 54, 79]);
      }
      expect(rows[17]).toBe(`╰${'─'.repeat(52)}╯╰${'─'.repeat(24)}╯`);
      for (const row of rows.slice(0, 22)) expect(rowCells(row), row).toBe(80);
      expect(screen).toContain('› 美玲: 好的 💻 出发 🚲');
      expect(screen).toContain('私信 👍 test ❤ 家族 👨‍👩‍👧 🇯🇵 end');
      expect(screen).toContain('› 美玲: 我也 👍❤');
      expect(screen).toContain('友達: zerowidthandsoft 中文 end');
    });

    it('keeps every border in its column when a message has stray joiners, keycaps, enclosing marks or regional indicators', async () => {
      const mei = await open();
      await mei.login('mei', 'mpw', true);
      const friend = await rawUser('friend');
      // Drawn as sent, each line would break in tmux 3.3a: it joins the
      // next non-ASCII character after a ZWJ (the pane border) onto the
      // cell before it; it draws a keycap, ☺️ or a pair of indicators that
      // names no flag at another width than Ink counts; and Ink cuts the
      // end off a row with a lone indicator or a keycap mark on a letter.
      const sent = [
        'zwj only: a\u200db end',
        'B keycap 1️⃣ end',
        'keys 1\u20e3 #️⃣ *️⃣ 9\u20e3 marks a\u20dd g\u20e3 h\u20e4 中\u20dd end',
        'zwnj a\u200cb 中\u200c文 ☺️ ✌️ ©️ #️ tail x\u200d',
        'more ❤️‍🔥 🏳️‍🌈 🇦 x 🇦🇧 🇯🇵 👨‍👩‍👧 end',
      ];
      for (const line of sent) friend.say(line);
      const layout = chatLayout(80, 24, null);
      const screen = await drawnFrame(mei, layout, (text) =>
        text.includes('more'),
      );

      const shown = [
        'friend: zwj only: ab end',
        'friend: B keycap 1 end',
        'friend: keys 1 # * 9 marks a\u20dd g h\u20e4 中\u20dd end',
        'friend: zwnj ab 中文 ☺ ✌ © # tail x',
        'friend: more ❤🔥 🏳🌈 A x AB 🇯🇵 👨‍👩‍👧 end',
      ];
      for (const line of shown) expect(screen, screen).toContain(line);
    });

    it('keeps the input box whole while a keycap, a joiner or two indicators are typed', async () => {
      const ana = await open();
      await ana.login('ana', 'apw', true);

      await ana.type('x 1️⃣ y a\u200db 🇦🇧 ☺️ #\u20e3 z');
      await waitForInput(ana, { text: 'x 1 y ab AB ☺ # z' });
      await ana.keys('Enter');
      const layout = chatLayout(80, 24, null);
      const screen = await drawnFrame(ana, layout, (text) =>
        text.includes('ana: x 1 y ab AB ☺ # z'),
      );
      expect(screen).toMatch(/│> {77}│/);
    });

    it('hides the side panes at 60 columns and brings them back at 80, leaving no stale lines', async () => {
      const sam = await open();
      await sam.login('sam', 'spw', true);
      await sam.send('a line before resizing');
      await sam.waitFor((screen) =>
        screen.includes('sam: a line before resizing'),
      );

      // The top border as the client draws it at each width; tmux's own
      // cut-down copy of the old frame does not match it.
      const NARROW_TOP = `╭${'─'.repeat(58)}╮`;
      const WIDE_TOP = `╭${'─'.repeat(52)}╮╭${'─'.repeat(24)}╮`;
      const isDrawn = (screen: string, top: string) =>
        screen.split('\n')[0] === top &&
        screen.includes('a line before resizing');
      await sam.resize(60, 24);
      const narrow = await sam.waitFor(
        (screen) => isDrawn(screen, NARROW_TOP) && screen.includes('● online'),
      );
      const narrowRows = narrow.split('\n');
      for (const row of narrowRows)
        expect(rowCells(row), row).toBeLessThanOrEqual(60);
      for (const row of narrowRows.slice(1, 17))
        expect(borderColumns(row), narrow).toEqual([0, 59]);
      expect(narrow.match(/a line before resizing/g)).toHaveLength(1);

      await sam.resize(80, 24);
      const wide = await sam.waitFor(
        (screen) => isDrawn(screen, WIDE_TOP) && screen.includes('Online ('),
      );
      const wideRows = wide.split('\n');
      for (const row of wideRows.slice(1, 17))
        expect(borderColumns(row), row).toEqual([0, 53, 54, 79]);
      expect(wide.match(/a line before resizing/g)).toHaveLength(1);
      expect(wide.match(/● online/g)).toHaveLength(1);
    });
  },
);
