import { describe, expect, it } from 'vitest';
import { chatLayout } from '../../tui/screens/chat-layout.ts';
import { activityRows } from './chat-frame.ts';
import { useE2eRoom } from './room.ts';

const room = useE2eRoom({
  // A raw user sends its burst at once.
  FLOOD_BURST: '0',
  FLOOD_PER_SECOND: '0',
});
const layout = chatLayout(80, 24, null);

/** The Activity pane's row for `name`, once it shows `score`. */
const rowOf = (screen: string, name: string, score: number) =>
  activityRows(screen, layout).find((row) =>
    new RegExp(`^ ?\\d+ ${name} .* ${score}$`).test(row),
  );

describe('the Activity pane in a real terminal', { timeout: 60_000 }, () => {
  it("shows a user who just logged in in another user's pane within two seconds, with no message sent", async () => {
    const alice = await room.open();
    await alice.login('alice', 'apw', true);
    await alice.waitFor((screen) => rowOf(screen, 'alice', 2) !== undefined);

    const dave = await room.open();
    await dave.login('dave', 'dpw', true);
    const screen = await alice.waitFor(
      (text) => rowOf(text, 'dave', 2) !== undefined,
      2000,
    );
    expect(screen).not.toContain('dave:');
  });

  it('shows the score a burst of messages ends at within two seconds of the last one', async () => {
    const viewer = await room.open();
    await viewer.login('viewer', 'vpw', true);
    await viewer.waitFor((screen) => rowOf(screen, 'viewer', 2) !== undefined);

    const eve = await room.rawUser('eve');
    for (let i = 1; i <= 20; i += 1) eve.say(`burst ${i}`);
    await viewer.waitFor((screen) => screen.includes('eve: burst 20'));
    await viewer.waitFor(
      (screen) => rowOf(screen, 'eve', 22) !== undefined,
      2000,
    );
  });

  it('moves a steady talker up the pane while the messages keep coming', async () => {
    const viewer = await room.open();
    await viewer.login('watcher', 'wpw', true);
    const steady = await room.rawUser('steady');

    // Each line goes out once the last one is on screen: a steady stream
    // with no pause for a refresh that waits for quiet.
    let sent = 0;
    let moved: string | undefined;
    while (moved === undefined && sent < 60) {
      sent += 1;
      steady.say(`stream ${sent}`);
      const line = `steady: stream ${sent}`;
      const screen = await viewer.waitFor((text) => text.includes(line));
      moved = activityRows(screen, layout).find((row) =>
        /^ ?\d+ steady .* ([3-9]|\d\d+)$/.test(row),
      );
    }
    expect(moved).toBeDefined();
    expect(sent).toBeLessThan(60);
  });
});
