import { describe, expect, it, onTestFinished } from 'vitest';
import { TestClient } from '../helpers/client.ts';
import {
  describeInput,
  inputState,
  isShowing,
  showsText,
  waitForInput,
  type ExpectedInput,
} from './input-row.ts';
import { useE2eRoom } from './room.ts';
import type { Snapshot, Terminal } from './tmux.ts';

const room = useE2eRoom({
  // The streaming test sends 200 lines as fast as it can on purpose.
  FLOOD_BURST: '0',
  FLOOD_PER_SECOND: '0',
});

const FAMILY = '\u{1F468}\u200D\u{1F469}\u200D\u{1F467}';
const E_ACUTE = 'e\u0301';
const THUMB = '\u{1F44D}\u{1F3FD}';
/** How many messages stream in while the line is typed. */
const STREAMED = 200;

/**
 * tmux 3.3a draws a skin tone 4 cells wide where Ink counts 2, so the
 * client draws the plain emoji there (emoji-safety.ts); the line still
 * holds the tone.
 */
const withoutSkinTone = (text: string) =>
  text.replace(/[\u{1F3FB}-\u{1F3FF}]/gu, '');

async function loggedIn(name: string): Promise<Terminal> {
  const terminal = await room.open();
  await terminal.login(name, 'pw', true);
  return terminal;
}

/** A step: keys (or text to type) and the line and cursor column after. */
type Step = [keys: string | { type: string }, text: string, x: number];

/**
 * Every step changes the text or the cursor, so waiting for its result
 * cannot pass on the screen the step before left behind.
 */
const EDITING_STEPS: Step[] = [
  [{ type: `ab ${FAMILY} ${E_ACUTE} 中文 ${THUMB}` }, 'ab F é 中文 T', 18],
  // One Backspace takes the emoji and its skin tone.
  ['BSpace', 'ab F é 中文 ', 16],
  ['Left', 'ab F é 中文 ', 15],
  ['Left', 'ab F é 中文 ', 13],
  ['Left', 'ab F é 中文 ', 11],
  ['Left', 'ab F é 中文 ', 10],
  // One Left crosses e and its combining accent.
  ['Left', 'ab F é 中文 ', 9],
  ['Left', 'ab F é 中文 ', 8],
  // One Left, and one Right, cross the whole ZWJ family.
  ['Left', 'ab F é 中文 ', 6],
  ['Right', 'ab F é 中文 ', 8],
  ['C-e', 'ab F é 中文 ', 16],
  ['C-a', 'ab F é 中文 ', 3],
  ['End', 'ab F é 中文 ', 16],
  ['Home', 'ab F é 中文 ', 3],
  ['C-Right', 'ab F é 中文 ', 5],
  ['C-Right', 'ab F é 中文 ', 8],
  ['C-Right', 'ab F é 中文 ', 10],
  ['C-Left', 'ab F é 中文 ', 9],
  // One Delete takes e and its accent.
  ['DC', 'ab F  中文 ', 9],
  ['C-k', 'ab F ', 9],
  ['BSpace', 'ab F', 8],
  // One Backspace takes the whole family.
  ['BSpace', 'ab ', 6],
  [{ type: 'one two' }, 'ab one two', 13],
  ['C-w', 'ab one ', 10],
  ['C-Left', 'ab one ', 6],
  ['C-u', 'one ', 3],
  ['End', 'one ', 7],
];

/** Spells the short forms of EDITING_STEPS out: F, é and T. */
function spelled(text: string): string {
  return text.replace('F', FAMILY).replace('é', E_ACUTE).replace('T', THUMB);
}

/**
 * A check for the screens seen after typing one key: each shows the line
 * as it was `before` the key or `after` it, the cursor (when shown) at its
 * end; Ink hides it while it paints a frame. Done once `after` is shown
 * and `isStreaming` says the messages for this key are all sent.
 */
function undisturbed(
  terminal: Terminal,
  before: ExpectedInput,
  after: ExpectedInput,
  isStreaming: () => boolean,
): (snapshot: Snapshot) => boolean {
  let isTyped = false;
  return (snapshot) => {
    const state = inputState(terminal, snapshot);
    const shows = (expected: ExpectedInput) =>
      state.cursor.isVisible
        ? isShowing(terminal, state, expected)
        : showsText(state, expected);
    isTyped ||= isShowing(terminal, state, after);
    if (!isTyped && shows(before)) return false;
    if (!shows(after))
      throw new Error(describeInput(terminal, after, snapshot));
    return isTyped && !isStreaming();
  };
}

describe(
  'editing the input line in a real terminal',
  { timeout: 60_000 },
  () => {
    it('moves over and deletes an emoji, a ZWJ family and an accented letter in one press each', async () => {
      const terminal = await loggedIn('editor');
      for (const [keys, text, x] of EDITING_STEPS) {
        if (typeof keys === 'string') await terminal.keys(keys);
        else await terminal.type(keys.type);
        await waitForInput(
          terminal,
          { text: spelled(text), x },
          withoutSkinTone,
        );
      }
    });

    it('brings back sent lines with Up and the draft with Down', async () => {
      const terminal = await loggedIn('historian');
      await terminal.send('first line');
      await terminal.waitFor((screen) => screen.includes('historian: first'));
      await terminal.send('second line');
      await terminal.waitFor((screen) => screen.includes('historian: second'));
      await terminal.type('my draft');
      await waitForInput(terminal, { text: 'my draft' });

      for (const [key, text] of [
        ['Up', 'second line'],
        ['Up', 'first line'],
        ['Down', 'second line'],
        ['Down', 'my draft'],
      ] as const) {
        await terminal.keys(key);
        await waitForInput(terminal, { text });
      }
    });

    it('never disturbs a line typed key by key while 200 messages stream in', async () => {
      const terminal = await loggedIn('typist');
      const flood = await TestClient.connect(room.server.port);
      onTestFinished(() => flood.close());
      await flood.register('flood', 'fpw');
      await flood.login('flood', 'fpw');
      const line = 'typed through the stream 中文 ok';
      const chars = [...line];
      const perKey = Math.ceil(STREAMED / chars.length);
      let sent = 0;
      /** Sends the next few messages of the stream, a few ms apart. */
      const trickle = async () => {
        for (let each = 0; each < perKey && sent < STREAMED; each += 1) {
          flood.say(`stream message ${sent}`);
          sent += 1;
          await new Promise((resolve) => setTimeout(resolve, 10));
        }
      };

      for (let index = 0; index < chars.length; index += 1) {
        let isStreaming = true;
        const streaming = trickle().then(() => (isStreaming = false));
        await terminal.type(chars[index]!);
        const before = { text: chars.slice(0, index).join('') };
        const after = { text: chars.slice(0, index + 1).join('') };
        await terminal.waitForSnapshot(
          undisturbed(terminal, before, after, () => isStreaming),
          (snapshot) => describeInput(terminal, after, snapshot),
        );
        await streaming;
      }

      await terminal.waitFor((text) =>
        text.includes(`flood: stream message ${STREAMED - 1}`),
      );
      await waitForInput(terminal, { text: line });
      await terminal.keys('Enter');
      const frame = await flood.nextFrame((f) => f.Text === line);
      expect(frame.Sender).toBe('typist');
      await waitForInput(terminal, { text: '' });
    });
  },
);
