/**
 * The room over real TCP on every backend: fan-out, private messages,
 * list, rank, quitting, and what the server does to message text.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { MessageType, type Message } from '../../shared/protocol.ts';
import { BACKENDS, type Backend } from '../helpers/backends.ts';
import { ofType, withCode, type TestClient } from '../helpers/client.ts';
import {
  loggedIn,
  startTestServer,
  uniqueName,
  type TestServer,
} from '../helpers/server.ts';

/** A live (not replayed) room message with this text. */
const isChat = (text: string) => (frame: Message) =>
  frame.Type === MessageType.Chat && frame.Text === text && !frame.History;

describe.each(BACKENDS)('the room on $name', (kind) => {
  let backend: Backend;
  let server: TestServer;

  beforeAll(async () => {
    backend = await kind.create();
    server = await startTestServer(backend, { maxMessageChars: 20 });
  });
  afterEach(() => server.closeClients());
  afterAll(async () => {
    await server?.stop();
    await backend?.cleanup();
  });

  it('sends a room message to three clients, the sender included', async () => {
    const names = [uniqueName('a'), uniqueName('b'), uniqueName('c')];
    const clients: TestClient[] = [];
    for (const name of names) clients.push(await loggedIn(server, name));

    clients[0]!.say('hello 你好 😀');
    for (const client of clients) {
      const frame = await client.nextFrame(isChat('hello 你好 😀'));
      expect(frame).toMatchObject({
        Type: 3,
        Sender: names[0],
        Receiver: '',
        Content: `${names[0]}: hello 你好 😀`,
      });
      // A decimal counter on every backend, as docs/protocol.md shows.
      expect(frame.Id).toMatch(/^[1-9][0-9]*$/);
      expect(frame.Time).toBeGreaterThan(Date.now() - 60_000);
      expect(frame.Event).toBeUndefined();
    }
  });

  it('shows an /me action as "* name text"', async () => {
    const name = uniqueName();
    const client = await loggedIn(server, name);

    client.send({ Type: MessageType.Chat, Content: 'waves', Action: true });
    const frame = await client.nextFrame(isChat('waves'));
    expect(frame).toMatchObject({ Content: `* ${name} waves`, Action: true });
  });

  it('tells the others when someone joins and when they quit', async () => {
    const alice = await loggedIn(server, uniqueName('alice'));
    const bobName = uniqueName('bob');
    const bob = await loggedIn(server, bobName);

    const joined = await alice.nextFrame((frame) => frame.Event === 'join');
    expect(joined).toMatchObject({
      Type: 3,
      Sender: bobName,
      Content: `${bobName} joined`,
    });

    bob.send({ Type: MessageType.Leave });
    const left = await alice.nextFrame((frame) => frame.Event === 'leave');
    expect(left).toMatchObject({
      Type: 3,
      Sender: bobName,
      Content: `${bobName} left`,
    });
    await bob.closed;
    expect(bob.received.some((frame) => frame.Event === 'join')).toBe(false);
  });

  it('delivers a private message to the target only and echoes it to a version 1 sender', async () => {
    const aliceName = uniqueName('alice');
    const bobName = uniqueName('bob');
    const alice = await loggedIn(server, aliceName);
    const bob = await loggedIn(server, bobName);
    const carol = await loggedIn(server, uniqueName('carol'));

    alice.whisper(bobName.toUpperCase(), 'secret 你好');
    const expected = {
      Type: 4,
      Sender: aliceName,
      Receiver: bobName,
      Content: 'secret 你好',
      Text: 'secret 你好',
    };
    const received = await bob.nextFrame(ofType(MessageType.Private));
    expect(received).toMatchObject(expected);
    expect(await alice.nextFrame(ofType(MessageType.Private))).toMatchObject({
      ...expected,
      Id: received.Id,
    });
    expect(await carol.framesWithin(200, ofType(MessageType.Private))).toEqual(
      [],
    );
  });

  it('does not echo a private message to an original client', async () => {
    const bobName = uniqueName('bob');
    const bob = await loggedIn(server, bobName);
    const old = await loggedIn(server, uniqueName('old'), { version: null });

    old.whisper(bobName, 'hi');
    await bob.nextFrame(ofType(MessageType.Private, 'hi'));
    expect(await old.framesWithin(200, ofType(MessageType.Private))).toEqual(
      [],
    );
  });

  it('refuses private messages to offline, unknown and own names', async () => {
    const offline = uniqueName('off');
    const registrar = await server.connect();
    await registrar.register(offline, 'pw');
    const aliceName = uniqueName('alice');
    const alice = await loggedIn(server, aliceName);

    const cases = [
      [offline, 'USER_OFFLINE', 'That user is not online right now.'],
      [
        uniqueName('nobody'),
        'UNKNOWN_USER',
        'No one here has that name; check the spelling.',
      ],
      [
        aliceName.toUpperCase(),
        'SELF_MESSAGE',
        'You cannot send a private message to yourself.',
      ],
    ] as const;
    for (const [to, code, content] of cases) {
      alice.whisper(to, 'hello?');
      const refusal = await alice.nextFrame(withCode(code));
      expect(refusal).toMatchObject({
        Type: 3,
        Event: 'error',
        Content: content,
      });
    }
  });

  it('lists who is online', async () => {
    const own = await startTestServer(backend);
    try {
      const [a, b] = [uniqueName('a'), uniqueName('b')];
      const alice = await loggedIn(own, a);
      await loggedIn(own, b);

      alice.send({ Type: MessageType.List });
      const reply = await alice.nextFrame(ofType(MessageType.List));
      expect(reply.Users).toEqual([a, b]);
      expect(reply.Content).toBe(`Online (2): ${a}, ${b}`);
    } finally {
      await own.closeClients();
      await own.stop();
    }
  });

  it("ranks users by activity, highest first, with the asker's own place", async () => {
    const quiet = uniqueName('quiet');
    const busy = uniqueName('busy');
    const quietClient = await loggedIn(server, quiet);
    const busyClient = await loggedIn(server, busy);
    for (const text of ['one', 'two', 'three']) {
      busyClient.say(text);
      await busyClient.nextFrame(isChat(text));
    }

    quietClient.send({ Type: MessageType.Rank });
    const reply = await quietClient.nextFrame(ofType(MessageType.Rank));
    const names = reply.Rank!.map((entry) => entry.Name);
    expect(names.indexOf(busy)).toBeLessThan(names.indexOf(quiet));
    expect(reply.Rank).toContainEqual({ Name: busy, Score: 5 });
    expect(reply.Rank).toContainEqual({ Name: quiet, Score: 2 });
    expect(reply.Content).toContain(`${names.indexOf(busy) + 1}. ${busy} 5`);
    expect(reply.Score).toBe(2);
    expect(reply.Place).toBe(names.indexOf(quiet) + 1);
    expect(reply.Content.split('\n')).toHaveLength(reply.Rank!.length);
  });

  it('refuses empty, whitespace-only, invisible and too long messages and keeps the connection', async () => {
    const client = await loggedIn(server);

    for (const text of [
      '',
      '  \n\t ',
      '\u001b\r\u202e',
      '\u200b\u3164\u2800',
    ]) {
      client.say(text);
      const refusal = await client.nextFrame(withCode('MESSAGE_EMPTY'));
      expect(refusal.Content).toBe('Empty messages are not sent.');
    }
    client.say('x'.repeat(21));
    const tooLong = await client.nextFrame(withCode('MESSAGE_TOO_LONG'));
    expect(tooLong.Content).toContain('20 characters');

    // 20 emoji are 40 UTF-16 units but 20 characters: accepted whole.
    const emoji = '😀'.repeat(20);
    client.say(emoji);
    expect((await client.nextFrame(isChat(emoji))).Text).toBe(emoji);
  });

  it('strips control and bidi override characters, keeps newlines and turns tabs into spaces', async () => {
    const client = await loggedIn(server);

    client.say('a\u001b[31mb\r\n\tc\u202ed\u2066e\u0085');
    const frame = await client.nextFrame(isChat('a[31mb\n  cde'));
    expect(frame.Content).toMatch(/: a\[31mb\n {2}cde$/);
  });
});
