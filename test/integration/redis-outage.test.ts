/**
 * Redis going away mid-conversation, end to end: a real server on
 * MariaDB and a private redis-server that is stopped or killed and
 * started again while people chat. The requirement: no message is
 * reported stored that is not in the history afterwards. The private
 * Redis runs with appendonly yes and appendfsync always, so a reply means
 * the write is on disk and survives even SIGKILL.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ERRORS } from '../../shared/errors.ts';
import { MessageType, type Message } from '../../shared/protocol.ts';
import { mysqlRedis, type Backend } from '../helpers/backends.ts';
import { withCode, type TestClient } from '../helpers/client.ts';
import {
  privateRedis,
  type PrivateService,
} from '../helpers/private-services.ts';
import {
  loggedIn,
  startTestServer,
  uniqueName,
  type TestServer,
} from '../helpers/server.ts';

let redis: PrivateService;
let redisDir: string;
let backend: Backend;
let server: TestServer;

beforeAll(async () => {
  redisDir = await mkdtemp(path.join(tmpdir(), 'termchat-redis-aof-'));
  redis = await privateRedis({ appendOnlyDir: redisDir });
  // A reply must mean "on disk", or SIGKILL could lose a stored line.
  expect(await redisSettings(redis.url)).toEqual({
    appendonly: 'yes',
    appendfsync: 'always',
  });
  backend = await mysqlRedis.create({ redisUrl: redis.url });
  server = await startTestServer(backend, { historyReplay: 1000 });
}, 60_000);

afterAll(async () => {
  await server?.closeClients();
  await server?.stop();
  await backend?.cleanup();
  await redis?.destroy();
  if (redisDir) await rm(redisDir, { recursive: true, force: true });
}, 30_000);

interface Sent {
  text: string;
  isStored: boolean;
  /** The sender's own copy, which is the confirmation. */
  echo: Message;
}

/**
 * Sends one line and reads what the sender is told about it: the echo,
 * then maybe NOT_STORED, up to a heartbeat's PONG that marks the end
 * (frames of one connection are handled in order).
 */
async function send(client: TestClient, text: string): Promise<Sent> {
  const start = client.received.length;
  client.say(text);
  client.send({ Type: MessageType.Heartbeat, Content: 'PING' });
  await client.nextFrame((frame) => frame.Type === MessageType.Heartbeat);
  const answers = client.received.slice(start);
  const echo = answers.find((frame) => frame.Text === text);
  if (!echo)
    throw new Error(`no echo of "${text}": ${JSON.stringify(answers)}`);
  const isStored = !answers.some((frame) => frame.Code === 'NOT_STORED');
  return { text, isStored, echo };
}

describe('Redis going away mid-conversation', () => {
  it('keeps the room up, says NOT_STORED while down, refuses rankings with SCORES_UNAVAILABLE, and stores again once Redis is back', async () => {
    const alice = await loggedIn(server, uniqueName('alice'));
    const bob = await loggedIn(server, uniqueName('bob'));
    const sent: Sent[] = [];

    for (let i = 0; i < 5; i++) sent.push(await send(alice, `before ${i}`));
    expect(sent.every((s) => s.isStored && s.echo.Id)).toBe(true);

    await redis.stop();
    const downAt = Date.now();
    for (let i = 0; i < 5; i++) sent.push(await send(alice, `during ${i}`));
    const during = sent.filter((s) => s.text.startsWith('during'));
    expect(during.every((s) => !s.isStored)).toBe(true);
    expect(during.every((s) => s.echo.Id === undefined)).toBe(true);
    expect(Date.now() - downAt).toBeLessThan(10_000);

    // Everyone still gets the lines live, and logins keep working.
    const live = await bob.framesWithin(
      200,
      (f) => f.Text?.startsWith('during') === true,
    );
    expect(live.map((f) => f.Text)).toEqual(during.map((s) => s.text));
    const carol = await loggedIn(server, uniqueName('carol'));
    expect(carol.isOpen).toBe(true);

    // A ranking cannot be read, and the refusal names the scores.
    alice.send({ Type: MessageType.Rank });
    expect(await alice.nextFrame(withCode('SCORES_UNAVAILABLE'))).toMatchObject(
      {
        Type: MessageType.Chat,
        Event: 'error',
        Content: ERRORS.SCORES_UNAVAILABLE,
      },
    );
    expect(alice.isOpen).toBe(true);

    await redis.start();
    let after: Sent;
    let attempt = 0;
    do {
      after = await send(alice, `after ${attempt++}`);
      sent.push(after);
      if (!after.isStored) await new Promise((r) => setTimeout(r, 200));
    } while (!after.isStored && attempt < 50);
    expect(after.isStored).toBe(true);
    for (let i = 0; i < 3; i++) sent.push(await send(alice, `later ${i}`));

    const reader = await loggedIn(server, uniqueName('dave'));
    const replayed = await reader.framesWithin(300, (f) => f.History === true);
    const inHistory = new Set(replayed.map((f) => f.Text));
    const reportedStored = sent.filter((s) => s.isStored).map((s) => s.text);
    expect(reportedStored.length).toBeGreaterThanOrEqual(9);
    expect(reportedStored.filter((text) => !inHistory.has(text))).toEqual([]);
    expect(server.hub.onlineNames()).toHaveLength(4);
  }, 60_000);
});

/** What the sender was told about one line it sent. */
type Outcome = 'stored' | 'not stored';

/**
 * Reads, in order, the frames a sender got back: each of its lines must
 * come back once, as an echo with an Id (stored) or an echo without one
 * followed by NOT_STORED before anything else of its own. Returns the
 * outcome of each line and every way the frames broke that rule.
 */
function outcomesOf(frames: Message[], sender: string, texts: string[]) {
  const outcomes = new Map<string, Outcome>();
  const problems: string[] = [];
  let awaitingNotice: string | undefined;
  for (const frame of frames) {
    const isOwnLine = frame.Sender === sender && frame.Text !== undefined;
    if (frame.Code === 'NOT_STORED') {
      if (awaitingNotice) outcomes.set(awaitingNotice, 'not stored');
      else problems.push('a NOT_STORED that follows no unsaved line');
      awaitingNotice = undefined;
    } else if (isOwnLine) {
      const text = frame.Text!;
      if (awaitingNotice)
        problems.push(`no NOT_STORED for "${awaitingNotice}"`);
      if (outcomes.has(text)) problems.push(`"${text}" came back twice`);
      awaitingNotice = frame.Id ? undefined : text;
      if (frame.Id) outcomes.set(text, 'stored');
    }
  }
  if (awaitingNotice) problems.push(`no NOT_STORED for "${awaitingNotice}"`);
  const silent = texts.filter((text) => !outcomes.has(text));
  if (silent.length > 0) problems.push(`no outcome for ${silent.join(', ')}`);
  return { outcomes, problems };
}

/** The private Redis's persistence settings, as it reports them. */
async function redisSettings(url: string): Promise<Record<string, string>> {
  const client = new Redis(url, { maxRetriesPerRequest: 1 });
  try {
    const settings: Record<string, string> = {};
    for (const name of ['appendonly', 'appendfsync']) {
      const [, value] = (await client.config('GET', name)) as string[];
      settings[name] = value ?? '';
    }
    return settings;
  } finally {
    client.disconnect();
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe.each([
  { how: 'killed with SIGKILL', tag: 'killed', outage: () => redis.kill() },
  { how: 'stopped cleanly', tag: 'stopped', outage: () => redis.stop() },
])('Redis $how while a sender keeps writing', ({ tag, outage }) => {
  it('answers every line with a stored echo or NOT_STORED, keeps every stored one in the history and stores again by itself', async () => {
    const aliceName = uniqueName('alice');
    const alice = await loggedIn(server, aliceName);
    const bob = await loggedIn(server, uniqueName('bob'));
    const prefix = `${tag}-${aliceName}`;
    const texts: string[] = [];
    const firstFrame = alice.received.length;
    // Three lines every 10 ms, so appends are in flight when Redis goes.
    const pump = setInterval(() => {
      for (let i = 0; i < 3; i++) {
        const text = `${prefix} ${texts.length}`;
        texts.push(text);
        alice.say(text);
      }
    }, 10);

    // Outage, restart, and on until a line sent since is stored again.
    let restartedAfter = 0;
    try {
      await sleep(300);
      await outage();
      await sleep(500);
      await redis.start();
      restartedAfter = texts.length;
      const storedAgain = (frame: Message) =>
        frame.Id !== undefined &&
        texts.indexOf(frame.Text ?? '') >= restartedAfter;
      await alice.nextFrame(storedAgain, 10_000);
      await sleep(200);
    } finally {
      clearInterval(pump);
    }
    // Frames of one connection are handled in order: after the PONG,
    // every line has had its answer.
    alice.send({ Type: MessageType.Heartbeat, Content: 'PING' });
    await alice.nextFrame((frame) => frame.Type === MessageType.Heartbeat);

    const { outcomes, problems } = outcomesOf(
      alice.received.slice(firstFrame),
      aliceName,
      texts,
    );
    expect(problems).toEqual([]);
    const stored = texts.filter((text) => outcomes.get(text) === 'stored');
    const notStored = texts.filter((text) => outcomes.get(text) !== 'stored');
    expect(stored.length).toBeGreaterThan(0);
    expect(notStored.length).toBeGreaterThan(0);

    await bob.nextFrame((frame) => frame.Text === texts.at(-1));
    const live = bob.received.filter((f) => f.Text?.startsWith(prefix));
    expect(live.map((frame) => frame.Text)).toEqual(texts);

    const after = await send(alice, `${prefix} after the restart`);
    expect(after.isStored && after.echo.Id !== undefined).toBe(true);

    const reader = await loggedIn(server, uniqueName('reader'));
    const replayed = await reader.framesWithin(300, (f) => f.History === true);
    const inHistory = new Set(replayed.map((frame) => frame.Text));
    expect(stored.filter((text) => !inHistory.has(text))).toEqual([]);
    expect(inHistory.has(after.text)).toBe(true);
  }, 60_000);
});
