/**
 * Redis going away mid-conversation, end to end: a real server on
 * MariaDB and a private redis-server (append-only, so its data survives
 * the stop) that is stopped and started again while people chat.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MessageType, type Message } from '../../shared/protocol.ts';
import { mysqlRedis, type Backend } from '../helpers/backends.ts';
import type { TestClient } from '../helpers/client.ts';
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
  it('keeps the room up, says NOT_STORED while down, and stores again once Redis is back', async () => {
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
