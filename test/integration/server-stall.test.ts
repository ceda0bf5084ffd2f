/**
 * Deadlines after a stalled server (SIGSTOP, a long GC or VM pause), over
 * real TCP: frames that waited unread in the socket buffers through the
 * stall count as on time, and a client that sent nothing is still
 * dropped. The server runs in this process, so blocking this thread
 * stalls it, after the clients' last bytes reached its sockets.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { encodeFrame } from '../../shared/frame.ts';
import { message, MessageType } from '../../shared/protocol.ts';
import { sqlite, type Backend } from '../helpers/backends.ts';
import { ofType, withCode, type TestClient } from '../helpers/client.ts';
import {
  loggedIn,
  startTestServer,
  uniqueName,
  type TestServer,
} from '../helpers/server.ts';

const IDLE_MS = 500;
const LOGIN_MS = 1500;
const FRAME_MS = 400;
/** Longer than every deadline above. */
const STALL_MS = 2000;

/** Blocks the event loop, the server's included, for `ms`. */
function stall(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

const ping = () => message(MessageType.Heartbeat, { Content: 'PING' });

/** Sends a heartbeat every 100 ms until the returned function is called. */
function keepAlive(...clients: TestClient[]): () => void {
  const timer = setInterval(() => {
    for (const client of clients) client.send(ping());
  }, 100);
  return () => clearInterval(timer);
}

/** Codes of the frames `client` has received so far. */
const codes = (client: TestClient) =>
  client.received.flatMap((frame) => (frame.Code ? [frame.Code] : []));

describe('deadlines after a stalled server', () => {
  let backend: Backend;
  let server: TestServer;

  beforeAll(async () => {
    backend = await sqlite.create();
    server = await startTestServer(backend, {
      idleTimeoutMs: IDLE_MS,
      loginTimeoutMs: LOGIN_MS,
      frameTimeoutMs: FRAME_MS,
    });
  });
  afterEach(() => server.closeClients());
  afterAll(async () => {
    await server?.stop();
    await backend?.cleanup();
  });

  it('keeps clients whose heartbeats waited through the stall and drops a silent one', async () => {
    const watcher = await loggedIn(server);
    const talkerName = uniqueName('talker');
    const talker = await loggedIn(server, talkerName);
    const stopKeepingAlive = keepAlive(watcher, talker);
    const silentName = uniqueName('silent');
    const silent = await loggedIn(server, silentName);
    try {
      watcher.send(ping());
      talker.send(ping());
      stall(STALL_MS);

      expect((await silent.nextFrame(withCode('IDLE_TIMEOUT'))).Content).toBe(
        'No sign of life for too long; the connection is closed.',
      );
      await silent.closed;
      const left = await watcher.nextFrame((frame) => frame.Event === 'leave');
      expect(left.Content).toBe(`${silentName} left`);

      await watcher.framesWithin(IDLE_MS * 2);
      for (const client of [watcher, talker]) {
        expect(client.isOpen).toBe(true);
        expect(codes(client)).toEqual([]);
      }
      const leaves = watcher.received.filter((f) => f.Event === 'leave');
      expect(leaves.map((frame) => frame.Content)).toEqual([
        `${silentName} left`,
      ]);
    } finally {
      stopKeepingAlive();
    }
  });

  it('answers a login that waited through a stall past the login deadline', async () => {
    const client = await server.connect();
    const name = uniqueName('late');
    expect((await client.register(name, 'pw')).Content).toBe('OK');

    client.send(message(MessageType.Login, { Sender: name, Content: 'pw' }));
    stall(STALL_MS);

    const reply = await client.nextFrame(ofType(MessageType.Register));
    expect(reply.Content).toBe('OK');
    const stopKeepingAlive = keepAlive(client);
    try {
      await client.framesWithin(IDLE_MS);
      expect(client.isOpen).toBe(true);
      expect(codes(client)).toEqual([]);
    } finally {
      stopKeepingAlive();
    }
  });

  it('takes a frame whose rest waited through a stall past the frame deadline', async () => {
    const client = await loggedIn(server);
    const frame = encodeFrame(ping());

    client.sendRaw(frame.subarray(0, 6));
    await new Promise((resolve) => setTimeout(resolve, 100));
    client.sendRaw(frame.subarray(6));
    stall(STALL_MS);

    const pong = await client.nextFrame(ofType(MessageType.Heartbeat));
    expect(pong.Content).toBe('PONG');
    expect(codes(client)).toEqual([]);
    expect(client.isOpen).toBe(true);
  });

  it('still closes a connection whose frame stayed unfinished through a stall', async () => {
    const client = await loggedIn(server);

    client.sendRaw(encodeFrame(ping()).subarray(0, 6));
    await new Promise((resolve) => setTimeout(resolve, 100));
    stall(STALL_MS);

    const refusal = await client.nextFrame(withCode('BAD_FRAME'));
    expect(refusal.Content).toMatch(/did not arrive in time/);
    await client.closed;
  });
});
