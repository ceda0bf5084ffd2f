/**
 * Faults the server must survive without losing anyone else: a client
 * that stops reading, and a history store that goes away mid-session.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { encodeFrame } from '../../shared/frame.ts';
import { MessageType, type Message } from '../../shared/protocol.ts';
import { DEFAULT_CONFIG } from '../../server/config.ts';
import { mysqlRedis, sqlite, type Backend } from '../helpers/backends.ts';
import { withCode } from '../helpers/client.ts';
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

let server: TestServer | undefined;
let backend: Backend | undefined;
let redis: PrivateService | undefined;

afterEach(async () => {
  await server?.closeClients();
  await server?.stop();
  await backend?.cleanup();
  await redis?.destroy();
  server = backend = redis = undefined;
});

describe('a client that stops reading', () => {
  it('is dropped once its outbox passes MAX_OUTBOX_BYTES, while the others still get every message promptly and see it leave', async () => {
    backend = await sqlite.create();
    const maxOutboxBytes = DEFAULT_CONFIG.maxOutboxBytes;
    server = await startTestServer(backend, {
      maxOutboxBytes,
      maxMessageChars: 20_000,
    });
    const talker = await loggedIn(server, uniqueName('talker'));
    const listener = await loggedIn(server, uniqueName('listener'));
    const pausedName = uniqueName('paused');
    const paused = await loggedIn(server, pausedName);
    await listener.nextFrame((frame) => frame.Event === 'join');
    paused.send({ Type: MessageType.Heartbeat, Content: 'PING' });
    await paused.nextFrame((frame) => frame.Type === MessageType.Heartbeat);
    paused.socket.pause();
    const readBeforePause = paused.socket.bytesRead;
    const heardBeforePause = listener.received.length;
    const pausedAt = Date.now();

    const isLeave = (frame: Message) =>
      frame.Event === 'leave' && frame.Content === `${pausedName} left`;
    let leftAfterMs: number | undefined;
    const talkerSawLeave = talker
      .nextFrame(isLeave, 30_000)
      .then(() => (leftAfterMs = Date.now() - pausedAt));
    const latencies: number[] = [];
    for (let i = 0; leftAfterMs === undefined && i < 1000; i++) {
      const text = `${i} `.padEnd(20_000, 'x');
      const sentAt = Date.now();
      talker.say(text);
      await listener.nextFrame((f) => f.Text === text, 1000);
      latencies.push(Date.now() - sentAt);
    }
    await talkerSawLeave;
    await listener.nextFrame(isLeave);
    // The leave is published after the drop, so what the listener heard
    // before it is what was sent to the paused client too.
    const heard = listener.received.slice(heardBeforePause);
    const sentToPaused = heard.slice(0, heard.findIndex(isLeave));
    const bytesBeforeLeave = sum(sentToPaused.map(frameBytes));
    const largestFrame = Math.max(...sentToPaused.map(frameBytes));

    expect(leftAfterMs).toBeLessThan(10_000);
    expect(bytesBeforeLeave).toBeGreaterThan(maxOutboxBytes);
    for (let i = 0; i < 5; i++) {
      const sentAt = Date.now();
      talker.say(`after ${i}`);
      await listener.nextFrame((f) => f.Text === `after ${i}`, 1000);
      latencies.push(Date.now() - sentAt);
    }
    expect(Math.max(...latencies)).toBeLessThan(500);

    // What the kernel had already taken still arrives; what was in the
    // outbox never does: the limit, give or take one frame (the one that
    // broke it, or the part of one the kernel had taken).
    const unreadBefore = paused.received.length;
    paused.socket.resume();
    await paused.closed;
    const reached = paused.socket.bytesRead - readBeforePause;
    const lost = bytesBeforeLeave - reached;
    expect(Math.abs(lost - maxOutboxBytes)).toBeLessThanOrEqual(largestFrame);
    // Cut without a goodbye: only chat lines, no closing notice.
    const lastSeen = paused.received.slice(unreadBefore);
    expect(lastSeen.every((frame) => frame.Text !== undefined)).toBe(true);
  });
});

describe('a client that sends thousands of frames at once', () => {
  it('does not hold up the room: a reader gets every line and stays connected', async () => {
    backend = await sqlite.create();
    server = await startTestServer(backend);
    const flooder = await loggedIn(server, uniqueName('flooder'));
    const reader = await loggedIn(server, uniqueName('reader'));
    const count = 10_000;

    // One write, 10,000 frames: handled back to back, they used to hold
    // every fan-out until the end and pass the reader's outbox limit.
    flooder.sendRaw(
      Buffer.concat(
        Array.from({ length: count }, (_, i) =>
          encodeFrame({ Type: MessageType.Chat, Content: `burst ${i}` }),
        ),
      ),
    );
    await reader.nextFrame(
      (frame) => frame.Text === `burst ${count - 1}`,
      60_000,
    );

    const lines = reader.received.filter((frame) =>
      frame.Text?.startsWith('burst '),
    );
    expect(lines.map((frame) => frame.Text)).toEqual(
      Array.from({ length: count }, (_, i) => `burst ${i}`),
    );
    expect(reader.isOpen).toBe(true);
  }, 90_000);
});

/** A frame's size on the wire: the length prefix and its JSON body. */
function frameBytes(frame: Message): number {
  return 4 + Buffer.byteLength(JSON.stringify(frame));
}

function sum(values: number[]): number {
  return values.reduce((total, value) => total + value, 0);
}

describe('a history store outage', () => {
  it('still delivers a message and tells only the sender it was not stored', async () => {
    redis = await privateRedis();
    backend = await mysqlRedis.create({ redisUrl: redis.url });
    server = await startTestServer(backend);
    const alice = await loggedIn(server);
    const bob = await loggedIn(server);

    await redis.kill();
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
