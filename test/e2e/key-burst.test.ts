import { describe, expect, it } from 'vitest';
import { useE2eRoom } from './room.ts';
import { Terminal } from './tmux.ts';

const room = useE2eRoom();

/** One send-keys call: the keys reach the client in one or two reads. */
const registerBurst = (terminal: Terminal, name: string) =>
  terminal.keys(name, 'Tab', `pw-${name}-1`, 'C-r', 'Enter');

describe('keys that arrive in one burst', { timeout: 60_000 }, () => {
  it('registers from one send-keys holding name, Tab, password, Ctrl+R and Enter', async () => {
    const terminal = await room.open();
    await registerBurst(terminal, 'burst');
    const screen = await terminal.waitFor(
      (text) => text.includes('● online') || text.includes('No account'),
    );
    expect(screen).toContain('● online');
    expect(screen).toContain(' · burst · ● online');
  });

  it('sends each line of one send-keys burst as its own message', async () => {
    const terminal = await room.open();
    await terminal.login('lines', 'pw-lines-1', true);
    await terminal.keys('line one', 'Enter', 'line two', 'Enter');
    const screen = await terminal.waitFor(
      (text) => text.includes('line two') && /│> {20}/.test(text),
    );
    expect(screen).toMatch(/› lines: line one .*\n.*› lines: line two /);
  });

  it('keeps keys typed while the client is still starting', async () => {
    const terminal = room.track(await Terminal.start(room.server.port));
    const deadline = Date.now() + 30_000;
    while (!(await terminal.isRaw()) && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    const startingScreen = await terminal.screen();
    await registerBurst(terminal, 'early');

    // In the terminal's line mode Ctrl+R would be eaten and the rest
    // echoed; the client must leave it before it draws anything.
    expect(startingScreen).not.toContain('Password');
    const screen = await terminal.waitFor(
      (text) => text.includes('● online') || text.includes('No account'),
      30_000,
    );
    expect(screen).toContain('● online');
    expect(screen).not.toContain('^R');
  });
});
