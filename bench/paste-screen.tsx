/**
 * The paste benchmark itself; run it through paste.ts (`npm run
 * bench:paste`). Pastes text into the chat screen the way a terminal
 * does (a bracketed paste, delivered in chunks) and prints how long it
 * takes from the first chunk to the frame that shows it, then how long
 * each key typed after it takes to be drawn.
 *
 * Options: --kb N,N (default 100,1024), --text ascii|mixed|both (both;
 * mixed has CJK and emoji), --chunk N bytes per read (4096), --keys N
 * (20), --columns N (120), --rows N (40).
 */
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { ChatStore } from '../tui/state/chat-store.ts';
import { FakeStdin, FakeStdout } from '../tui/testing/render-terminal.ts';
import { mountChatScreen } from './mount-chat-screen.tsx';

const { values } = parseArgs({
  options: {
    kb: { type: 'string', default: '100,1024' },
    text: { type: 'string', default: 'both' },
    chunk: { type: 'string', default: '4096' },
    keys: { type: 'string', default: '20' },
    columns: { type: 'string', default: '120' },
    rows: { type: 'string', default: '40' },
  },
});
const chunkSize = Number(values.chunk);
const keyCount = Number(values.keys);

const LINES = {
  ascii:
    '  const total = items.reduce((sum, item) => sum + item.price, 0); // 68',
  mixed: '你好，世界！😀 the quick brown fox 👩‍👩‍👧 jumps over 🇯🇵 e\u0301 日本語',
};
type Kind = keyof typeof LINES;

/** About `kb` KiB of numbered lines of `kind`. */
function pasteText(kind: Kind, kb: number): string {
  const lines: string[] = [];
  let length = 0;
  while (length < kb * 1024) {
    const line = `${lines.length + 1} ${LINES[kind]}`;
    lines.push(line);
    length += line.length + 1;
  }
  return lines.join('\n');
}

const ms = (value: number) => `${value.toFixed(1)} ms`;

/** Resolves once a write to the terminal passes `check`. */
function nextWrite(stdout: FakeStdout, check: (frame: string) => boolean) {
  return new Promise<number>((resolve) => {
    const write = stdout.write;
    stdout.write = (frame: string) => {
      if (check(frame)) {
        stdout.write = write;
        resolve(performance.now());
      }
      return write(frame);
    };
  });
}

const nextTurn = () => new Promise((resolve) => setImmediate(resolve));

async function run(kind: Kind, kb: number): Promise<string> {
  const stdout = new FakeStdout(Number(values.columns), Number(values.rows));
  const stdin = new FakeStdin();
  const store = new ChatStore();
  store.loggedIn('bench');
  const instance = mountChatScreen(store, stdout, stdin);
  await new Promise((resolve) => setTimeout(resolve, 100));

  const text = pasteText(kind, kb);
  const lines = text.split('\n').length;
  const data = `\x1b[200~${text}\x1b[201~`;
  const shown = nextWrite(stdout, (frame) =>
    frame.includes(`+${lines - 1} more lines`),
  );
  const started = performance.now();
  for (let at = 0; at < data.length; at += chunkSize) {
    stdin.write(data.slice(at, at + chunkSize));
    await nextTurn();
  }
  const pasteMs = (await shown) - started;

  // Left arrows, then Backspaces: each moves or deletes one grapheme of
  // the pasted line, and the hint changes with the last one.
  const keys = [
    ...Array<string>(keyCount).fill('\x1b[D'),
    ...Array<string>(keyCount).fill('\x7f'),
  ];
  // Ink draws at most 30 frames a second: a pause longer than that
  // before each key times the key itself, not the frame it waits for.
  let keysMs = 0;
  for (const key of keys) {
    await new Promise((resolve) => setTimeout(resolve, 40));
    const drawn = nextWrite(stdout, () => true);
    const typed = performance.now();
    stdin.write(key);
    keysMs += (await drawn) - typed;
  }
  const keyMs = keysMs / keys.length;

  instance.unmount();
  return `${kind} ${kb} KiB (${text.length} chars, ${lines} lines): paste drawn in ${ms(pasteMs)}; then ${keys.length} keys drawn in ${ms(keyMs)} each`;
}

const kinds: Kind[] =
  values.text === 'both' ? ['ascii', 'mixed'] : [values.text as Kind];
console.log(
  `terminal ${values.columns}x${values.rows}, bracketed paste in ${chunkSize}-byte reads`,
);
for (const kind of kinds) {
  for (const kb of values.kb.split(',').map(Number)) {
    console.log(await run(kind, kb));
  }
}
process.exit(0);
