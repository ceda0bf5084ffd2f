/**
 * A busy room in a real terminal: 10,000 messages already on the screen's
 * list, then a stream of 50 a second while someone types. Only visible
 * rows are drawn, so the client keeps up: the newest line shows, the
 * half-typed line is intact, and scrolling back reaches old messages.
 * How fast it draws is measured by `npm run bench:render`, not here.
 */
import { describe, expect, it } from 'vitest';
import { waitForInput } from './input-row.ts';
import { useE2eRoom } from './room.ts';

const LOADED = 10_000;
const STREAM_PER_SECOND = 50;
const STREAM_SECONDS = 4;

const room = useE2eRoom({
  FLOOD_BURST: '0',
  FLOOD_PER_SECOND: '0',
  HISTORY_REPLAY: '0',
});

describe('a busy room', () => {
  it('keeps up with 10,000 messages loaded and 50 a second arriving while the user types', async () => {
    const terminal = await room.open();
    await terminal.login('reader', 'pw', true);
    const talker = await room.rawUser('talker');

    for (let i = 0; i < LOADED; i += 1) talker.say(`loaded ${i}`);
    await terminal.waitFor(
      (text) => text.includes(`talker: loaded ${LOADED - 1}`),
      60_000,
    );

    const line = '我还在打字 still typing';
    let streamed = 0;
    const stream = setInterval(() => {
      talker.say(`live ${streamed}`);
      streamed += 1;
    }, 1000 / STREAM_PER_SECOND);
    try {
      for (const char of line) {
        await terminal.type(char);
        await new Promise((resolve) =>
          setTimeout(resolve, (STREAM_SECONDS * 1000) / [...line].length),
        );
      }
    } finally {
      clearInterval(stream);
    }
    expect(streamed).toBeGreaterThanOrEqual(
      STREAM_PER_SECOND * STREAM_SECONDS * 0.8,
    );
    await terminal.waitFor((text) =>
      text.includes(`talker: live ${streamed - 1}`),
    );
    await waitForInput(terminal, { text: line });

    await terminal.keys('Enter');
    const sent = await talker.nextFrame((frame) => frame.Text === line);
    expect(sent.Sender).toBe('reader');

    for (let page = 0; page < 3; page += 1) await terminal.keys('PageUp');
    const scrolled = await terminal.waitFor((text) =>
      /new below|scrolled up/.test(text),
    );
    expect(scrolled).not.toContain(`talker: live ${streamed - 1}`);
    // The client keeps the newest 10,000 lines: Home reaches the oldest
    // of them, early in the loaded batch.
    await terminal.keys('Home');
    const oldest = await terminal.waitFor((text) =>
      /talker: loaded \d+\b/.test(text),
    );
    const first = Number(/talker: loaded (\d+)\b/.exec(oldest)![1]);
    expect(first).toBeLessThan(LOADED / 2);
    expect(oldest).not.toContain('talker: live');
  }, 120_000);
});
