/**
 * Faults the server must survive without losing anyone else: a client
 * that stops reading, and a history store that goes away mid-session.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import net from 'node:net';
import { Duplex } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { encodeFrame } from '../../shared/frame.ts';
import { message, MessageType } from '../../shared/protocol.ts';
import { mysqlRedis, sqlite, type Backend } from '../helpers/backends.ts';
import { withCode } from '../helpers/client.ts';
import {
  loggedIn,
  startTestServer,
  uniqueName,
  type TestServer,
} from '../helpers/server.ts';

/** A connection whose peer never reads: its writes never complete. */
class StalledPeer extends Duplex {
  override _read(): void {}
  override _write(
    _chunk: Buffer,
    _encoding: BufferEncoding,
    _done: () => void,
  ): void {}
}

let server: TestServer | undefined;
let backend: Backend | undefined;
let redis: ChildProcess | undefined;

afterEach(async () => {
  await server?.closeClients();
  await server?.stop();
  await backend?.cleanup();
  redis?.kill('SIGKILL');
  server = backend = redis = undefined;
});

describe('a client that stops reading', () => {
  it('is dropped as a slow consumer while the room carries on', async () => {
    backend = await sqlite.create();
    server = await startTestServer(backend, { maxOutboxBytes: 64 * 1024 });
    const stalledName = uniqueName('stalled');
    const registrar = await server.connect();
    await registrar.register(stalledName, 'pw');
    const talkerName = uniqueName('talker');
    const talker = await loggedIn(server, talkerName);

    const peer = new StalledPeer();
    const closed = new Promise((resolve) => peer.once('close', resolve));
    server.hub.accept(peer, { remoteAddress: 'test' });
    peer.push(
      encodeFrame(
        message(MessageType.Login, { Sender: stalledName, Content: 'pw' }),
      ),
    );
    await talker.nextFrame((frame) => frame.Event === 'join');

    const text = 'x'.repeat(2000);
    for (let sent = 0; sent < 40; sent += 1) {
      talker.say(text);
      await talker.nextFrame((frame) => frame.Text === text);
    }

    await closed;
    const left = await talker.nextFrame((frame) => frame.Event === 'leave');
    expect(left.Content).toBe(`${stalledName} left`);
    talker.say('still going');
    const after = await talker.nextFrame(
      (frame) => frame.Text === 'still going',
    );
    expect(after.Content).toBe(`${talkerName}: still going`);
  });
});

describe('a history store outage', () => {
  it('still delivers a message and tells only the sender it was not stored', async () => {
    const port = await freePort();
    redis = spawn(
      'redis-server',
      [
        '--port',
        String(port),
        '--bind',
        '127.0.0.1',
        '--save',
        '',
        '--appendonly',
        'no',
      ],
      {
        stdio: 'ignore',
      },
    );
    await waitForPort(port);
    backend = await mysqlRedis.create({
      redisUrl: `redis://127.0.0.1:${port}`,
    });
    server = await startTestServer(backend);
    const alice = await loggedIn(server);
    const bob = await loggedIn(server);

    redis.kill('SIGKILL');
    alice.say('said during the outage');

    for (const client of [alice, bob]) {
      const frame = await client.nextFrame(
        (f) => f.Text === 'said during the outage',
      );
      expect(frame.Id).toBeUndefined();
    }
    const warning = await alice.nextFrame(withCode('NOT_STORED'));
    expect(warning.Content).toBe(
      'Your message was delivered but not saved to history: the history store is unavailable.',
    );
    expect(await bob.framesWithin(300, withCode('NOT_STORED'))).toEqual([]);
    expect(alice.isOpen && bob.isOpen).toBe(true);
  });
});

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as net.AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}

async function waitForPort(port: number): Promise<void> {
  for (let attempt = 0; attempt < 100; attempt += 1) {
    const isUp = await new Promise<boolean>((resolve) => {
      const socket = net.connect(port, '127.0.0.1');
      socket.once('connect', () => {
        socket.destroy();
        resolve(true);
      });
      socket.once('error', () => resolve(false));
    });
    if (isUp) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`redis-server did not start on port ${port}`);
}
