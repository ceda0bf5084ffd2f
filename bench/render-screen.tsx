/**
 * The render benchmark itself; run it through render.ts (`npm run
 * bench:render`), which loads React's production build first. How long the chat screen takes to draw a frame
 * with 10,000 messages loaded while 50 new ones arrive per second. Prints
 * per-frame render times (Ink's layout and output) and the time from a
 * message arriving to its frame being written.
 *
 * Options: --messages N (default 10000), --rate N per second (50),
 * --seconds N (5), --columns N (120), --rows N (40).
 */
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { MessageType, message } from '../shared/protocol.ts';
import { ChatStore } from '../tui/state/chat-store.ts';
import { FakeStdin, FakeStdout } from '../tui/testing/render-terminal.ts';
import { mountChatScreen } from './mount-chat-screen.tsx';

const { values } = parseArgs({
  options: {
    messages: { type: 'string', default: '10000' },
    rate: { type: 'string', default: '50' },
    seconds: { type: 'string', default: '5' },
    columns: { type: 'string', default: '120' },
    rows: { type: 'string', default: '40' },
  },
});
const loaded = Number(values.messages);
const rate = Number(values.rate);
const seconds = Number(values.seconds);

const SAMPLES = [
  'hello everyone, how is it going today?',
  '你好！今天天气很好，我们去公园散步吧 😀',
  'a longer line that needs wrapping because it goes on and on about nothing in particular, just to take up a few rows of the pane',
  'emoji party 👩‍👩‍👧 👍🏽 🇫🇷 e\u0301',
  '@bench are you there?',
];
const NAMES = ['alice', 'bob', 'carol', '美玲', 'dave'];
let counter = 0;

function nextFrame(time: number) {
  counter += 1;
  const sender = NAMES[counter % NAMES.length]!;
  const text = `${SAMPLES[counter % SAMPLES.length]} #${counter}`;
  return message(MessageType.Chat, {
    Sender: sender,
    Content: `${sender}: ${text}`,
    Text: text,
    Id: String(counter),
    Time: time,
  });
}

function stats(values: number[]): string {
  if (values.length === 0) return 'no samples';
  const sorted = [...values].sort((a, b) => a - b);
  const at = (q: number) =>
    sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
  const mean = sorted.reduce((a, b) => a + b, 0) / sorted.length;
  const ms = (value: number) => `${value.toFixed(2)} ms`;
  return `n=${sorted.length} mean ${ms(mean)} p50 ${ms(at(0.5))} p95 ${ms(at(0.95))} p99 ${ms(at(0.99))} max ${ms(sorted.at(-1)!)}`;
}

const store = new ChatStore();
store.loggedIn('bench');
const start = Date.now() - loaded * 1000;
const loadStarted = performance.now();
for (let i = 0; i < loaded; i += 1) store.receive(nextFrame(start + i * 1000));
const loadMs = performance.now() - loadStarted;

const stdout = new FakeStdout(Number(values.columns), Number(values.rows));
const stdin = new FakeStdin();
const renderTimes: number[] = [];
const pendingArrivals: number[] = [];
const latencies: number[] = [];
let bytesWritten = 0;
const write = stdout.write;
stdout.write = (frame: string) => {
  bytesWritten += frame.length;
  const now = performance.now();
  for (const arrived of pendingArrivals.splice(0))
    latencies.push(now - arrived);
  return write(frame);
};

const firstStarted = performance.now();
const instance = mountChatScreen(store, stdout, stdin, ({ renderTime }) =>
  renderTimes.push(renderTime),
);
const firstMs = performance.now() - firstStarted;
renderTimes.length = 0;

const total = Math.round(rate * seconds);
let sent = 0;
const streamStarted = performance.now();
await new Promise<void>((resolve) => {
  const timer = setInterval(() => {
    const due = Math.min(
      total,
      Math.floor(((performance.now() - streamStarted) / 1000) * rate),
    );
    for (; sent < due; sent += 1) {
      pendingArrivals.push(performance.now());
      store.receive(nextFrame(Date.now()));
    }
    if (sent >= total) {
      clearInterval(timer);
      setTimeout(resolve, 200);
    }
  }, 5);
});
const streamMs = performance.now() - streamStarted;
instance.unmount();

const heapMb = process.memoryUsage().heapUsed / 1024 / 1024;
console.log(
  `terminal ${values.columns}x${values.rows}, ${loaded} messages loaded in ${loadMs.toFixed(0)} ms, kept ${store.getState().lines.length}`,
);
console.log(`first frame (mount + render): ${firstMs.toFixed(1)} ms`);
console.log(
  `stream: ${sent} messages at ${rate}/s over ${(streamMs / 1000).toFixed(1)} s`,
);
console.log(`render per frame: ${stats(renderTimes)}`);
console.log(`arrival to frame written: ${stats(latencies)}`);
console.log(
  `output ${(bytesWritten / 1024).toFixed(0)} KiB, heap ${heapMb.toFixed(0)} MiB`,
);
process.exit(0);
