/**
 * The original Go client against a real server: alice's frames are the
 * captured bytes of test/fixtures/legacy-client-frames.jsonl, sent as
 * given; bob is a second original client whose frames are built the way
 * Go's encoder builds them (checked against the fixture first).
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MessageType } from '../../shared/protocol.ts';
import { BACKENDS, type Backend } from '../helpers/backends.ts';
import { ofType } from '../helpers/client.ts';
import { startTestServer, type TestServer } from '../helpers/server.ts';

interface FixtureFrame {
  what: string;
  length_hex: string;
  body: string;
}

const FIXTURE = new URL(
  '../fixtures/legacy-client-frames.jsonl',
  import.meta.url,
);
const frames = new Map(
  readFileSync(FIXTURE, 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as FixtureFrame)
    .map((frame) => [frame.what, frame]),
);

/** The fixture frame's bytes exactly: its length prefix, then its body. */
function fixtureBytes(what: string): Buffer {
  const frame = frames.get(what);
  if (!frame) throw new Error(`no fixture frame "${what}"`);
  return Buffer.concat([
    Buffer.from(frame.length_hex, 'hex'),
    Buffer.from(frame.body, 'utf8'),
  ]);
}

/** A frame as Go's json.Marshal writes the original client's struct. */
function goFrame(
  type: number,
  sender: string,
  receiver: string,
  content: string,
): Buffer {
  const body = JSON.stringify({
    Type: type,
    Sender: sender,
    Receiver: receiver,
    Content: content,
    Conn: null,
  }).replace(/[<>&]/g, (char) => `\\u00${char.charCodeAt(0).toString(16)}`);
  const bytes = Buffer.from(body, 'utf8');
  const header = Buffer.alloc(4);
  header.writeUInt32BE(bytes.length, 0);
  return Buffer.concat([header, bytes]);
}

const PASSWORD = 'pw<1>&';
const HELLO = 'hello <b>&</b> 你好 😀';

describe('the fixture', () => {
  it('has length prefixes that match its bodies, as Go encodes them', () => {
    expect(fixtureBytes('register')).toEqual(goFrame(1, 'alice', '', PASSWORD));
    expect(fixtureBytes('login')).toEqual(goFrame(0, 'alice', '', PASSWORD));
    expect(fixtureBytes('chat')).toEqual(goFrame(3, 'alice', '', HELLO));
    expect(fixtureBytes('private')).toEqual(
      goFrame(4, 'alice', 'bob', 'hi 你好'),
    );
    expect(fixtureBytes('heartbeat')).toEqual(goFrame(6, 'alice', '', 'PING'));
  });
});

describe.each(BACKENDS)('an original client on $name', (kind) => {
  let backend: Backend;
  let server: TestServer;

  beforeAll(async () => {
    backend = await kind.create();
    server = await startTestServer(backend);
  });
  afterAll(async () => {
    await server?.closeClients();
    await server?.stop();
    await backend?.cleanup();
  });

  it('registers, logs in, chats, lists, ranks, pings, whispers and leaves', async () => {
    const alice = await server.connect();
    const bob = await server.connect();

    alice.sendRaw(fixtureBytes('register'));
    expect(await alice.nextFrame()).toMatchObject({ Type: 1, Content: 'OK' });
    alice.sendRaw(fixtureBytes('login'));
    expect(await alice.nextFrame()).toMatchObject({
      Type: 1,
      Content: 'OK',
      Sender: 'alice',
    });

    bob.sendRaw(goFrame(1, 'bob', '', 'bobs pw'));
    expect((await bob.nextFrame()).Content).toBe('OK');
    bob.sendRaw(goFrame(0, 'bob', '', 'bobs pw'));
    expect((await bob.nextFrame()).Content).toBe('OK');
    expect((await alice.nextFrame()).Content).toBe('bob joined');

    alice.sendRaw(fixtureBytes('chat'));
    for (const client of [alice, bob]) {
      const line = await client.nextFrame();
      expect(line).toMatchObject({
        Type: 3,
        Sender: 'alice',
        Content: `alice: ${HELLO}`,
      });
    }

    alice.sendRaw(fixtureBytes('list'));
    expect((await alice.nextFrame()).Content).toBe('Online (2): alice, bob');

    alice.sendRaw(fixtureBytes('rank'));
    const rank = await alice.nextFrame();
    expect(rank).toMatchObject({ Type: 7, Content: '1. alice 3\n2. bob 2' });

    alice.sendRaw(fixtureBytes('heartbeat'));
    alice.sendRaw(fixtureBytes('private'));
    const whisper = await bob.nextFrame();
    expect(whisper).toMatchObject({
      Type: 4,
      Sender: 'alice',
      Receiver: 'bob',
      Content: 'hi 你好',
    });

    alice.sendRaw(fixtureBytes('leave'));
    expect((await bob.nextFrame()).Content).toBe('alice left');
    await alice.closed;
    // No PONG and no echo of the private message: the original client
    // never expected either.
    expect(alice.received.filter(ofType(MessageType.Heartbeat))).toEqual([]);
    expect(alice.received.filter(ofType(MessageType.Private))).toEqual([]);
    expect(bob.received.map((frame) => frame.Content)).toEqual([
      'OK',
      'OK',
      `alice: ${HELLO}`,
      'hi 你好',
      'alice left',
    ]);
  });
});
