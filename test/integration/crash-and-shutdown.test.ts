/**
 * The server process dying: `kill -9` with users online followed by a
 * restart on the same data, and SIGTERM, which must finish what it
 * accepted. The server runs as a child process on MariaDB and a private
 * append-only redis-server (fsync on every write).
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { MessageType, type Message } from '../../shared/protocol.ts';
import { mysqlRedis, type Backend } from '../helpers/backends.ts';
import { TestClient, withCode } from '../helpers/client.ts';
import {
  privateRedis,
  type PrivateService,
} from '../helpers/private-services.ts';
import {
  startServerProcess,
  type ServerProcess,
} from '../helpers/server-process.ts';
import { uniqueName } from '../helpers/server.ts';

let redis: PrivateService;
let redisDir: string;
let backend: Backend;
const processes: ServerProcess[] = [];
const clients: TestClient[] = [];

beforeAll(async () => {
  redisDir = await mkdtemp(path.join(tmpdir(), 'termchat-crash-'));
  redis = await privateRedis({ appendOnlyDir: redisDir });
  backend = await mysqlRedis.create({ redisUrl: redis.url });
}, 60_000);

afterEach(async () => {
  await Promise.all(clients.splice(0).map((client) => client.close()));
  await Promise.all(processes.splice(0).map((server) => server.kill()));
});

afterAll(async () => {
  await backend?.cleanup();
  await redis?.destroy();
  if (redisDir) await rm(redisDir, { recursive: true, force: true });
}, 30_000);

async function startServer(): Promise<ServerProcess> {
  const server = await startServerProcess({
    DATABASE_URL: backend.options.databaseUrl,
    REDIS_URL: redis.url,
    HISTORY_REPLAY: '1000',
    // Flood control is not what these tests are about.
    FLOOD_BURST: '0',
  });
  processes.push(server);
  return server;
}

async function connect(server: ServerProcess): Promise<TestClient> {
  const client = await TestClient.connect(server.port);
  clients.push(client);
  return client;
}

async function signUp(server: ServerProcess, name: string) {
  const client = await connect(server);
  expect((await client.register(name, `pw-${name}`)).Content).toBe('OK');
  expect((await client.login(name, `pw-${name}`)).Content).toBe('OK');
  return client;
}

async function logIn(server: ServerProcess, name: string) {
  const client = await connect(server);
  expect((await client.login(name, `pw-${name}`)).Content).toBe('OK');
  return client;
}

function texts(frames: Message[]): string[] {
  return frames.flatMap((frame) => (frame.Text ? [frame.Text] : []));
}

describe('kill -9 of a server with users online', () => {
  it('loses no acknowledged history and shows nobody online who is not, after a restart', async () => {
    const first = await startServer();
    const aliceName = uniqueName('alice');
    const bobName = uniqueName('bob');
    const alice = await signUp(first, aliceName);
    await signUp(first, bobName);

    const acknowledged: string[] = [];
    for (let i = 0; i < 20; i++) {
      alice.say(`line ${i}`);
      const echo = await alice.nextFrame((f) => f.Text === `line ${i}`);
      if (echo.Id) acknowledged.push(`line ${i}`);
    }
    expect(acknowledged).toHaveLength(20);
    for (let i = 20; i < 40; i++) alice.say(`line ${i}`);
    await alice.nextFrame((f) => f.Text === 'line 25');

    first.child.kill('SIGKILL');
    await first.exited;
    await alice.closed;
    const sentAfter = alice.received.filter((f) => f.Id && !f.History);
    acknowledged.splice(0, acknowledged.length, ...texts(sentAfter));

    const second = await startServer();
    const carolName = uniqueName('carol');
    const carol = await signUp(second, carolName);
    carol.send({ Type: MessageType.List });
    const list = await carol.nextFrame((f) => f.Type === MessageType.List);
    expect(list.Users).toEqual([carolName]);

    const back = await logIn(second, aliceName);
    const replay = await back.framesWithin(300, (f) => f.History === true);
    const replayed = new Set(texts(replay));
    expect(acknowledged.length).toBeGreaterThanOrEqual(26);
    expect(acknowledged.filter((text) => !replayed.has(text))).toEqual([]);
  }, 60_000);
});

describe('SIGTERM of a server', () => {
  it('stores and delivers everything it accepted, then says SERVER_SHUTDOWN last', async () => {
    const server = await startServer();
    const aliceName = uniqueName('alice');
    const alice = await signUp(server, aliceName);
    const bob = await signUp(server, uniqueName('bob'));

    for (let i = 0; i < 200; i++) alice.say(`burst ${i}`);
    await bob.nextFrame((f) => f.Text === 'burst 0');
    server.child.kill('SIGTERM');

    await alice.nextFrame(withCode('SERVER_SHUTDOWN'), 10_000);
    await bob.nextFrame(withCode('SERVER_SHUTDOWN'), 10_000);
    expect(await server.exited).toBe(0);

    const aliceFrames = alice.received.filter((f) => !f.History);
    const accepted = texts(aliceFrames.filter((f) => f.Id));
    expect(accepted.length).toBeGreaterThan(0);
    expect(aliceFrames.at(-1)).toMatchObject({
      Event: 'notice',
      Code: 'SERVER_SHUTDOWN',
    });
    expect(aliceFrames.some((f) => f.Code === 'NOT_STORED')).toBe(false);
    const delivered = bob.received.filter((f) => !f.History);
    expect(texts(delivered).filter((t) => t.startsWith('burst'))).toEqual(
      accepted,
    );
    expect(delivered.at(-1)?.Code).toBe('SERVER_SHUTDOWN');

    const restarted = await startServer();
    const reader = await logIn(restarted, aliceName);
    const replay = await reader.framesWithin(300, (f) => f.History === true);
    const replayed = new Set(texts(replay));
    expect(accepted.filter((text) => !replayed.has(text))).toEqual([]);
  }, 60_000);
});
