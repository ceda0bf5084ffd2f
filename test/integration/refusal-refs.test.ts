/**
 * The `Ref` a client puts on a chat, private, list or rank frame, over
 * real sockets against a real server: every refusal of that frame, and
 * the NOT_STORED for it, carries the same Ref back; a frame without one (the original
 * client's) is answered exactly as before, with no Ref key at all.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ERRORS } from '../../shared/errors.ts';
import { message, MessageType, type Message } from '../../shared/protocol.ts';
import { BACKENDS, mysqlRedis, type Backend } from '../helpers/backends.ts';
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

/** A room message tagged with `ref`. */
const say = (client: TestClient, text: string, ref: string) =>
  client.send(message(MessageType.Chat, { Content: text, Ref: ref }));

/** A private message tagged with `ref`. */
const whisper = (client: TestClient, to: string, text: string, ref: string) =>
  client.send(
    message(MessageType.Private, { Receiver: to, Content: text, Ref: ref }),
  );

const isError = (frame: Message) => frame.Event === 'error';

describe.each(BACKENDS)('refusals of tagged frames on $name', (kind) => {
  let backend: Backend;
  let server: TestServer;

  beforeAll(async () => {
    backend = await kind.create();
    server = await startTestServer(backend, {
      maxMessageChars: 20,
      floodBurst: 3,
      floodPerSecond: 1,
    });
  });
  afterEach(() => server.closeClients());
  afterAll(async () => {
    await server?.stop();
    await backend?.cleanup();
  });

  it('answers each refused chat or private frame with its own Ref', async () => {
    const me = uniqueName('me');
    const alice = await loggedIn(server, me);
    const away = uniqueName('away');
    await (await server.connect()).register(away, 'pw');

    say(alice, 'x'.repeat(21), 'long');
    say(alice, ' \u200b ', 'blank');
    whisper(alice, me.toUpperCase(), 'hi me', 'self');
    whisper(alice, away, 'are you there', 'away');
    whisper(alice, uniqueName('nobody'), 'hello?', 'nobody');
    alice.sendRaw(frameOf('{"Type":4,"Receiver":"x","Content":5,"Ref":"bad"}'));

    const expected = [
      ['long', 'MESSAGE_TOO_LONG'],
      ['blank', 'MESSAGE_EMPTY'],
      ['self', 'SELF_MESSAGE'],
      ['away', 'USER_OFFLINE'],
      ['nobody', 'UNKNOWN_USER'],
      ['bad', 'BAD_MESSAGE'],
    ];
    const refusals: Message[] = [];
    for (let i = 0; i < expected.length; i++) {
      refusals.push(await alice.nextFrame(isError));
    }
    expect(refusals.map((frame) => [frame.Ref, frame.Code])).toEqual(expected);
    expect(refusals[3]).toMatchObject({
      Type: MessageType.Chat,
      Content: ERRORS.USER_OFFLINE,
    });
  });

  it('tags a RATE_LIMITED with the line it refused, and nothing that went through', async () => {
    const alice = await loggedIn(server);
    const bob = await loggedIn(server);

    for (const n of [1, 2, 3, 4, 5]) say(alice, `line ${n}`, `r${n}`);

    const limited = [
      await alice.nextFrame(withCode('RATE_LIMITED')),
      await alice.nextFrame(withCode('RATE_LIMITED')),
    ];
    expect(limited.map((frame) => frame.Ref)).toEqual(['r4', 'r5']);
    expect(limited[0]!.Content).toBe(ERRORS.RATE_LIMITED);
    const heard = await bob.framesWithin(
      300,
      (frame) => frame.Text?.startsWith('line') === true,
    );
    expect(heard.map((frame) => [frame.Text, 'Ref' in frame])).toEqual([
      ['line 1', false],
      ['line 2', false],
      ['line 3', false],
    ]);
    const echoes = alice.received.filter((frame) => frame.Text !== undefined);
    expect(echoes.some((frame) => 'Ref' in frame)).toBe(false);
  });

  it('tags a chat refused before login', async () => {
    const client = await server.connect();
    say(client, 'too early', 'early');
    expect(await client.nextFrame()).toMatchObject({
      Code: 'NOT_LOGGED_IN',
      Ref: 'early',
    });
  });

  it('answers an untagged frame with the same keys as before, and no Ref', async () => {
    const alice = await loggedIn(server, uniqueName('plain'), {
      version: null,
    });
    alice.whisper(uniqueName('nobody'), 'hello?');
    alice.sendRaw(frameOf('{"Type":3,"Content":5,"Ref":7}'));

    const unknown = await alice.nextFrame(withCode('UNKNOWN_USER'));
    expect(Object.keys(unknown)).toEqual([
      'Type',
      'Sender',
      'Receiver',
      'Content',
      'Event',
      'Code',
    ]);
    const bad = await alice.nextFrame(withCode('BAD_MESSAGE'));
    expect(bad).not.toHaveProperty('Ref');
  });
});

describe('a Redis outage and tagged frames', () => {
  let redis: PrivateService;
  let backend: Backend;
  let server: TestServer;

  beforeAll(async () => {
    redis = await privateRedis();
    backend = await mysqlRedis.create({ redisUrl: redis.url });
    server = await startTestServer(backend);
  }, 60_000);
  afterAll(async () => {
    await server?.closeClients();
    await server?.stop();
    await backend?.cleanup();
    await redis?.destroy();
  }, 30_000);

  it('carries the Ref of a line delivered but not stored, and of a refused rank request', async () => {
    const alice = await loggedIn(server, uniqueName('alice'));
    const bobName = uniqueName('bob');
    const bob = await loggedIn(server, bobName);

    await redis.kill();
    say(alice, 'said during the outage', 'room-1');
    whisper(alice, bobName, 'whispered during the outage', 'dm-1');

    expect(
      (await bob.nextFrame((f) => f.Text === 'said during the outage')).Id,
    ).toBeUndefined();
    await bob.nextFrame((f) => f.Text === 'whispered during the outage');
    const warnings = [
      await alice.nextFrame(withCode('NOT_STORED')),
      await alice.nextFrame(withCode('NOT_STORED')),
    ];
    expect(warnings.map((frame) => frame.Ref)).toEqual(['room-1', 'dm-1']);
    expect(await bob.framesWithin(300, withCode('NOT_STORED'))).toEqual([]);

    // Scores live in Redis too: the refused rank request is named.
    alice.send(message(MessageType.Rank, { Ref: 'rank-refresh' }));
    const refused = await alice.nextFrame(isError);
    expect(refused).toMatchObject({ Ref: 'rank-refresh' });
    expect(refused.Code).not.toBe('NOT_STORED');
  });
});

/** A length prefix, then `body` as given. */
function frameOf(body: string): Buffer {
  const bytes = Buffer.from(body, 'utf8');
  const header = Buffer.alloc(4);
  header.writeUInt32BE(bytes.length, 0);
  return Buffer.concat([header, bytes]);
}
