import { describe, expect, it } from 'vitest';
import { inputRowIndex, waitForInput } from './input-row.ts';
import { useE2eRoom } from './room.ts';
import type { Terminal } from './tmux.ts';

const room = useE2eRoom();
const rawUser = (name: string) => room.rawUser(name);

/** Opens terminals and registers one user in each, all at once. */
function loggedIn(...names: string[]): Promise<Terminal[]> {
  return Promise.all(
    names.map(async (name) => {
      const terminal = await room.open();
      await terminal.login(name, 'pw', true);
      return terminal;
    }),
  );
}

/** The row under the input line: the key hint, or an error about it. */
async function noticeRow(terminal: Terminal): Promise<string> {
  return (await terminal.rows())[inputRowIndex(terminal) + 1] ?? '';
}

/** How often `text` appears on the screen. */
function count(screen: string, text: string | RegExp): number {
  const pattern =
    typeof text === 'string'
      ? new RegExp(text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'), 'g')
      : text;
  return screen.match(pattern)?.length ?? 0;
}

describe(
  'commands and completion in a real terminal',
  { timeout: 60_000 },
  () => {
    it('completes names after @, at the start and after To:, and commands after /', async () => {
      const [terminal] = await loggedIn('tabber');
      const [, davidson] = await Promise.all(
        ['dana', 'davidson', 'robin'].map(rawUser),
      );
      await terminal!.waitFor((screen) => screen.includes('Online (4)'));

      const steps: [keys: string | { type: string }, text: string][] = [
        [{ type: 'hi @da' }, 'hi @da'],
        ['Tab', 'hi @dana '],
        ['Tab', 'hi @davidson '],
        ['Tab', 'hi @dana '],
        ['Tab', 'hi @davidson '],
        [{ type: 'welcome' }, 'hi @davidson welcome'],
      ];
      for (const [keys, text] of steps) {
        if (typeof keys === 'string') await terminal!.keys(keys);
        else await terminal!.type(keys.type);
        await waitForInput(terminal!, { text });
      }
      await terminal!.keys('Enter');
      const frame = await davidson!.nextFrame(
        (f) => f.Text === 'hi @davidson welcome',
      );
      expect(frame.Sender).toBe('tabber');
      await waitForInput(terminal!, { text: '' });

      for (const [typed, completed] of [
        ['ro', 'robin: '],
        ['To:ro', 'To:robin-->'],
        ['to:DAV', 'to:davidson-->'],
        ['/r', '/rank '],
      ] as const) {
        await terminal!.type(typed);
        await waitForInput(terminal!, { text: typed });
        await terminal!.keys('Tab');
        await waitForInput(terminal!, { text: completed });
        await terminal!.keys('C-u');
        await waitForInput(terminal!, { text: '' });
      }
    });

    it('sends a bare command word or a slash command as text with /say', async () => {
      const [terminal] = await loggedIn('sayer');
      const listener = await rawUser('listener');
      await terminal!.waitFor((screen) => screen.includes('Online (2)'));

      for (const [typed, sent] of [
        ['/say help', 'help'],
        ['/say /me waves', '/me waves'],
      ] as const) {
        await terminal!.send(typed);
        const frame = await listener.nextFrame((f) => f.Text === sent);
        expect(frame).toMatchObject({ Sender: 'sayer' });
        expect(frame.Action).toBeFalsy();
        await terminal!.waitFor((screen) => screen.includes(`sayer: ${sent}`));
      }
      expect(await terminal!.screen()).not.toContain('Commands');
    });

    it('runs slash commands and the original ones, and explains bad ones without sending', async () => {
      const [alice, bob, carol] = await loggedIn('alice', 'bob', 'carol');
      await alice!.waitFor((screen) => screen.includes('Online (3)'));
      const online = 'Online (3): alice, bob, carol';

      await alice!.send('list');
      await alice!.waitFor((screen) => count(screen, online) === 1);
      await alice!.send('/list');
      await alice!.waitFor((screen) => count(screen, online) === 2);

      // The ranking notice reads "1. alice 2"; the rank pane has no dot.
      const ranked = /\d\. alice \d+/g;
      await alice!.send('rank');
      await alice!.waitFor((screen) => count(screen, ranked) === 1);
      await alice!.send('/rank');
      const ranking = await alice!.waitFor(
        (screen) => count(screen, ranked) === 2,
      );
      expect(count(ranking, /\d\. bob \d+/g)).toBe(2);
      expect(count(ranking, /\d\. carol \d+/g)).toBe(2);

      for (const command of ['help', '/help']) {
        await alice!.send(command);
        const help = await alice!.waitFor((screen) =>
          screen.includes('Commands'),
        );
        expect(help).toContain('private message to name');
        expect(help).not.toContain('Online (');
        await alice!.keys('Escape');
        await alice!.waitFor((screen) => screen.includes('Online (3)'));
      }

      await alice!.send('/me waves');
      await bob!.waitFor((screen) => screen.includes('* alice waves'));
      await alice!.send('/msg bob psst only you');
      await bob!.waitFor((screen) =>
        screen.includes('[private from alice] psst only you'),
      );
      await alice!.waitFor((screen) =>
        screen.includes('[private to bob] psst only you'),
      );

      for (const [bad, explanation] of [
        ['To:-->x', 'Name who the message is for.'],
        ['/msg bob', 'Usage: /msg name text'],
        ['/foo', 'Unknown command /foo; type /help for the list'],
      ] as const) {
        await alice!.send(bad);
        await alice!.waitFor((screen) => screen.includes(explanation));
        expect(await noticeRow(alice!)).toContain(explanation);
        await waitForInput(alice!, { text: bad });
        await alice!.keys('C-u');
        await waitForInput(alice!, { text: '' });
      }

      // Messages arrive in the order they were sent, so once the line after
      // the mistakes is on a screen, anything sent before it would be too.
      await alice!.send('after the mistakes');
      for (const terminal of [bob!, carol!]) {
        const screen = await terminal.waitFor((text) =>
          text.includes('alice: after the mistakes'),
        );
        expect(screen).toContain('* alice waves');
        expect(screen).not.toMatch(/-->x|\/msg|\/foo/);
        expect(count(screen, 'alice:')).toBe(1);
      }
      expect(await carol!.screen()).not.toContain('psst');
    });
  },
);
