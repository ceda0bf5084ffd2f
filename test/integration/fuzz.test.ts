/**
 * A bounded fuzz run against a live server process over TCP: random and
 * mutated frames on many connections that reconnect whenever the server
 * closes them, until the server has handled 100,000 of them. Afterwards
 * it must still be up, its memory flat, and a normal client must
 * register, log in and chat. FUZZ_SEED replays a run; FUZZ_FRAMES
 * changes its size.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import net from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encodeFrame, FrameDecoder } from '../../shared/frame.ts';
import { message, MessageType } from '../../shared/protocol.ts';
import { TestClient, ofType } from '../helpers/client.ts';
import { FrameFuzzer } from '../helpers/frame-fuzzer.ts';
import {
  startServerProcess,
  type ServerProcess,
} from '../helpers/server-process.ts';

const SEED = Number(process.env.FUZZ_SEED ?? Date.now() % 1_000_000);
/** Frames the server must have handled, not merely been sent. */
const MIN_HANDLED_FRAMES = Number(process.env.FUZZ_FRAMES ?? 100_000);
// A connection closed by a violation or the login deadline drops the
// frames it had not handled yet, and a length prefix that never ends
// swallows the frames behind it, so more are sent than must land.
const TOTAL_FRAMES = Math.ceil(MIN_HANDLED_FRAMES * 1.3);
const WARM_UP_FRAMES = 20_000;
const ANONYMOUS_WORKERS = 12;
const LOGGED_IN_WORKERS = 6;
const BATCH = 50;
/** The share of batches that end in a violation closing the connection. */
const CLOSING_SHARE = 0.1;
/** RSS the server may gain between warm-up and the end of the run. */
const MAX_RSS_GROWTH_KB = 24 * 1024;

// Anonymous fuzzing comes from 127.0.0.1 and exhausts its login and
// registration budgets; the logged-in workers and the final check use
// other loopback addresses, whose budgets are their own.
const LOGGED_IN_ADDRESS = '127.0.0.3';
const CHECK_ADDRESS = '127.0.0.2';

let server: ServerProcess;
let dataDir: string;

interface Counters {
  frames: number;
  connections: number;
  replies: number;
}

function connectFrom(port: number, localAddress: string): Promise<net.Socket> {
  return new Promise((resolve, reject) => {
    const socket = net.connect({ port, host: '127.0.0.1', localAddress });
    socket.once('error', reject);
    socket.once('connect', () => {
      socket.off('error', reject);
      resolve(socket);
    });
  });
}

/**
 * Writes fuzz batches on one connection until it closes or we are done.
 * Each batch may end in a framing violation that makes the server close
 * the connection. The writer waits until the server has answered most
 * of what it sent, so frames are handled, not just buffered.
 */
async function fuzzConnection(
  socket: net.Socket,
  fuzzer: FrameFuzzer,
  counters: Counters,
): Promise<void> {
  let isClosed = false;
  let sent = 0;
  let answered = 0;
  let onAnswer = () => {};
  const decoder = new FrameDecoder(16 * 1024 * 1024);
  socket.on('data', (chunk: Buffer) => {
    const count = decoder.push(chunk).length;
    answered += count;
    counters.replies += count;
    onAnswer();
  });
  socket.on('error', () => undefined);
  const closed = new Promise<void>((resolve) =>
    socket.once('close', () => {
      isClosed = true;
      resolve();
    }),
  );

  while (!isClosed && counters.frames < TOTAL_FRAMES) {
    const batch: Buffer[] = [];
    for (let i = 0; i < BATCH; i++) batch.push(fuzzer.next());
    if (fuzzer.random() < CLOSING_SHARE) batch.push(fuzzer.nextClosing());
    counters.frames += batch.length;
    sent += batch.length;
    socket.write(Buffer.concat(batch));
    await Promise.race([
      closed,
      new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, 3000);
        onAnswer = () => {
          if (answered < sent - BATCH) return;
          clearTimeout(timer);
          resolve();
        };
        onAnswer();
      }),
    ]);
  }
  socket.destroy();
  await closed;
}

async function loginOn(
  socket: net.Socket,
  name: string,
  password: string,
): Promise<void> {
  socket.write(
    encodeFrame(
      message(MessageType.Login, {
        Sender: name,
        Content: password,
        Version: 1,
      }),
    ),
  );
  await new Promise<void>((resolve, reject) => {
    let seen = '';
    const timer = setTimeout(
      () => reject(new Error(`no login reply: ${seen}`)),
      10_000,
    );
    const onData = (chunk: Buffer) => {
      seen += chunk.toString('latin1');
      if (seen.includes('"Content":"OK"')) {
        clearTimeout(timer);
        socket.off('data', onData);
        resolve();
      }
    };
    socket.on('data', onData);
  });
}

async function register(port: number, from: string, name: string) {
  const socket = await connectFrom(port, from);
  socket.write(
    encodeFrame(
      message(MessageType.Register, { Sender: name, Content: `pw-${name}` }),
    ),
  );
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error('no register reply')),
      10_000,
    );
    socket.on('data', (chunk: Buffer) => {
      if (!chunk.toString('latin1').includes('"Content":"OK"')) return;
      clearTimeout(timer);
      resolve();
    });
  });
  socket.destroy();
}

async function worker(
  index: number,
  port: number,
  counters: Counters,
  account?: string,
): Promise<void> {
  const fuzzer = new FrameFuzzer(SEED * 100 + index);
  while (counters.frames < TOTAL_FRAMES) {
    counters.connections += 1;
    let socket: net.Socket;
    try {
      socket = await connectFrom(
        port,
        account ? LOGGED_IN_ADDRESS : '127.0.0.1',
      );
      if (account) await loginOn(socket, account, `pw-${account}`);
    } catch (error) {
      if (counters.frames >= TOTAL_FRAMES) return;
      throw error;
    }
    await fuzzConnection(socket, fuzzer, counters);
  }
}

beforeAll(async () => {
  dataDir = await mkdtemp(path.join(tmpdir(), 'termchat-fuzz-'));
  server = await startServerProcess({
    DATA_FILE: path.join(dataDir, 'fuzz.sqlite'),
    LOGIN_TIMEOUT_MS: '5000',
    MAX_UNAUTHENTICATED_PER_IP: '64',
    // The logged-in workers log in again after every connection a
    // violation closes, far more often than a person would.
    LOGIN_BURST: '0',
    NODE_OPTIONS: '--max-old-space-size=128',
  });
});

afterAll(async () => {
  await server?.kill();
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

describe('fuzzing a live server', () => {
  it('survives 100,000 random and mutated frames with flat memory and still serves a normal client', async () => {
    const accounts = Array.from(
      { length: LOGGED_IN_WORKERS },
      (_, i) => `fuzz${SEED}n${i}`,
    );
    for (const name of accounts) {
      await register(server.port, LOGGED_IN_ADDRESS, name);
    }

    // The server counts the frames each connection had handled when it
    // closed; summed, they show how many the run really threw at it.
    let handled = 0;
    server.onLog((line) => {
      if (line.msg === 'connection closed') handled += Number(line.frames);
    });
    const counters: Counters = { frames: 0, connections: 0, replies: 0 };
    const run = Promise.all([
      ...Array.from({ length: ANONYMOUS_WORKERS }, (_, i) =>
        worker(i, server.port, counters),
      ),
      ...accounts.map((name, i) =>
        worker(ANONYMOUS_WORKERS + i, server.port, counters, name),
      ),
    ]);
    while (counters.frames < WARM_UP_FRAMES) {
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    const rssAfterWarmUp = server.rssKb();
    await run;
    await new Promise((resolve) => setTimeout(resolve, 1000));
    const rssAtEnd = server.rssKb();

    console.info(
      `fuzz seed ${SEED}: ${counters.frames} frames sent on ${counters.connections} connections, ${handled} handled by the server, ${counters.replies} frames back; RSS ${rssAfterWarmUp} -> ${rssAtEnd} KiB`,
    );
    expect(server.child.exitCode, server.output()).toBeNull();
    expect(handled).toBeGreaterThanOrEqual(MIN_HANDLED_FRAMES);
    expect(counters.connections).toBeGreaterThan(ANONYMOUS_WORKERS);
    expect(rssAtEnd - rssAfterWarmUp).toBeLessThan(MAX_RSS_GROWTH_KB);

    const name = `fuzzcheck${SEED}`;
    const client = await TestClient.connect(server.port, CHECK_ADDRESS);
    expect((await client.register(name, 'secret')).Content).toBe('OK');
    expect((await client.login(name, 'secret')).Content).toBe('OK');
    client.say('still here');
    const line = await client.nextFrame(
      ofType(MessageType.Chat, `${name}: still here`),
    );
    expect(line.Id).toBeTruthy();
    await client.close();
  }, 120_000);
});
