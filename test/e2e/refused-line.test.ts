import { describe, expect, it } from 'vitest';
import type { Message } from '../../shared/protocol.ts';
import { waitForInput } from './input-row.ts';
import { useE2eRoom } from './room.ts';

// One message at once, then one a second: a second line typed right
// after the first is refused as RATE_LIMITED.
const room = useE2eRoom({ FLOOD_BURST: '1', FLOOD_PER_SECOND: '1' });

const isMessage = (frame: Message) =>
  frame.Sender === 'hasty' && frame.Text !== undefined;

describe('a refused line in a real terminal', { timeout: 60_000 }, () => {
  it('names a rate-limited line in the messages pane and puts it back in the input box to resend', async () => {
    const watcher = await room.rawUser('watcher');
    // Wide enough for the refusal to fit on one row of the messages pane.
    const terminal = await room.open(140, 24);
    await terminal.login('hasty', 'pw', true);

    // Both lines in one send-keys, so they reach the server together.
    await terminal.keys('first line', 'Enter', 'second line', 'Enter');
    const first = await watcher.nextFrame(isMessage);
    expect(first.Text).toBe('first line');
    const screen = await terminal.waitFor((text) => text.includes('Not sent'));
    expect(screen).toContain(
      '! Not sent: “second line” — You are sending too fast; wait a second. It is back in the input box.',
    );
    await waitForInput(terminal, { text: 'second line' });

    await new Promise((resolve) => setTimeout(resolve, 1100));
    await terminal.keys('Enter');
    const resent = await watcher.nextFrame(isMessage);
    expect(resent.Text).toBe('second line');
    await waitForInput(terminal, { text: '' });
  });

  it('gives back a line the server never answered before the link dropped', async () => {
    // A heartbeat a second: the client gives a silent server up in 3.5 s.
    const terminal = await room.open(160, 24, ['--heartbeat', '1']);
    await terminal.login('patient', 'pw', true);
    process.kill(room.server.pid, 'SIGSTOP');
    try {
      await terminal.keys('into the silence', 'Enter');
      await waitForInput(terminal, { text: '' });
      const screen = await terminal.waitFor(
        (text) => text.includes('Maybe not sent'),
        15_000,
      );
      expect(screen).toContain('! Maybe not sent: “into the silence” — the');
      await waitForInput(terminal, { text: 'into the silence' });
    } finally {
      process.kill(room.server.pid, 'SIGCONT');
    }
  });
});
