/**
 * What survives a restart and what a shutdown promises, over real TCP on
 * every backend: history replay after login, private messages kept
 * private, and a SIGTERM-style stop that loses nothing it accepted.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MessageType, type Message } from '../../shared/protocol.ts';
import { BACKENDS, type Backend } from '../helpers/backends.ts';
import { withCode } from '../helpers/client.ts';
import {
  loggedIn,
  startTestServer,
  uniqueName,
  type TestServer,
} from '../helpers/server.ts';

const isLive = (frame: Message) =>
  (frame.Type === MessageType.Chat || frame.Type === MessageType.Private) &&
  frame.Event === undefined &&
  !frame.History;

/** Logs in and waits until the history replay (if any) has arrived. */
async function historyOf(server: TestServer, name: string): Promise<Message[]> {
  const client = await server.connect();
  expect((await client.login(name, `pw-${name}`)).Content).toBe('OK');
  // A list round trip: the replay is sent before the list reply.
  client.send({ Type: MessageType.List });
  await client.nextFrame((frame) => frame.Type === MessageType.List);
  return client.received.filter((frame) => frame.History);
}

describe.each(BACKENDS)('restarts and shutdown on $name', (kind) => {
  let backend: Backend;
  const servers: TestServer[] = [];

  async function start(overrides = {}): Promise<TestServer> {
    const server = await startTestServer(backend, overrides);
    servers.push(server);
    return server;
  }

  beforeEach(async () => {
    backend = await kind.create();
  });
  afterEach(async () => {
    for (const server of servers.splice(0)) {
      await server.closeClients();
      await server.stop();
    }
    await backend.cleanup();
  });

  it('replays history after a server restart, oldest first', async () => {
    const first = await start();
    const [alice, bob] = [uniqueName('alice'), uniqueName('bob')];
    const aliceClient = await loggedIn(first, alice);
    await loggedIn(first, bob);
    for (const text of ['first', 'second', 'third']) {
      aliceClient.say(text);
      await aliceClient.nextFrame((frame) => frame.Text === text);
    }
    aliceClient.send({
      Type: MessageType.Chat,
      Content: 'waves',
      Action: true,
    });
    await aliceClient.nextFrame((frame) => frame.Text === 'waves');
    await first.stop();

    const second = await start();
    const history = await historyOf(second, bob);
    expect(history.map((frame) => frame.Content)).toEqual([
      `${alice}: first`,
      `${alice}: second`,
      `${alice}: third`,
      `* ${alice} waves`,
    ]);
    expect(history[3]).toMatchObject({
      Type: 3,
      Sender: alice,
      Text: 'waves',
      Action: true,
    });
    for (const frame of history) expect(frame.Id).toEqual(expect.any(String));
  });

  it('replays only the configured number of most recent messages', async () => {
    const server = await start({ historyReplay: 2 });
    const name = uniqueName();
    const client = await loggedIn(server, name);
    for (const text of ['m1', 'm2', 'm3']) {
      client.say(text);
      await client.nextFrame((frame) => frame.Text === text);
    }

    const history = await historyOf(server, name);
    expect(history.map((frame) => frame.Text)).toEqual(['m2', 'm3']);
  });

  it("never shows a private message in a third user's history", async () => {
    const server = await start();
    const [alice, bob, carol] = [
      uniqueName('alice'),
      uniqueName('bob'),
      uniqueName('carol'),
    ];
    const aliceClient = await loggedIn(server, alice);
    const bobClient = await loggedIn(server, bob);
    const registrar = await server.connect();
    await registrar.register(carol, `pw-${carol}`);
    aliceClient.whisper(bob, 'just for bob');
    await bobClient.nextFrame((frame) => frame.Text === 'just for bob');
    aliceClient.say('for everyone');
    await aliceClient.nextFrame(
      (frame) => frame.Text === 'for everyone' && !frame.History,
    );

    const privateFrame = {
      Type: 4,
      Sender: alice,
      Receiver: bob,
      Content: 'just for bob',
      History: true,
    };
    expect(await historyOf(server, bob)).toContainEqual(
      expect.objectContaining(privateFrame),
    );
    expect(await historyOf(server, alice)).toContainEqual(
      expect.objectContaining(privateFrame),
    );
    const carolHistory = await historyOf(server, carol);
    expect(carolHistory.map((frame) => frame.Text)).toEqual(['for everyone']);
  });

  it('delivers and stores every message it received before a shutdown', async () => {
    const server = await start();
    const [alice, bob] = [uniqueName('alice'), uniqueName('bob')];
    const aliceClient = await loggedIn(server, alice);
    const bobClient = await loggedIn(server, bob);
    const texts = Array.from({ length: 60 }, (_, index) => `burst ${index}`);

    // One write, so every frame is queued at the server before it stops.
    aliceClient.sendRaw(
      Buffer.concat(texts.map((text) => encode({ Type: 3, Content: text }))),
    );
    await bobClient.nextFrame((frame) => frame.Text === texts[0]);
    await server.stop();

    const notice = await bobClient.nextFrame(withCode('SERVER_SHUTDOWN'));
    expect(notice).toMatchObject({
      Type: 3,
      Event: 'notice',
      Content: 'The server is shutting down.',
    });
    await bobClient.closed;
    const delivered = bobClient.received
      .filter(isLive)
      .map((frame) => frame.Text);
    expect(delivered).toEqual(texts);
    const shutdownIndex = bobClient.received.findIndex(
      (frame) => frame.Code === 'SERVER_SHUTDOWN',
    );
    expect(shutdownIndex).toBe(bobClient.received.length - 1);

    const restarted = await start({ historyReplay: 100 });
    const history = await historyOf(restarted, bob);
    expect(history.map((frame) => frame.Text)).toEqual(texts);
  });
});

function encode(fields: object): Buffer {
  const body = Buffer.from(JSON.stringify(fields), 'utf8');
  const header = Buffer.alloc(4);
  header.writeUInt32BE(body.length, 0);
  return Buffer.concat([header, body]);
}
