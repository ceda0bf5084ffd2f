/**
 * Logging in while the history store (a private Redis) is down, over
 * real TCP: instead of an empty replay that passes for a quiet room, the
 * user is told HISTORY_UNAVAILABLE, in our client's messages pane and as
 * a readable sentence for an original client.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ERRORS } from '../../shared/errors.ts';
import { MessageType } from '../../shared/protocol.ts';
import { ChatSession } from '../../tui/net/chat-session.ts';
import { ChatStore } from '../../tui/state/chat-store.ts';
import { bridgeSession } from '../../tui/state/session-bridge.ts';
import { mysqlRedis, type Backend } from '../helpers/backends.ts';
import { ofType, withCode } from '../helpers/client.ts';
import { eventually } from '../helpers/eventually.ts';
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

const SENTENCE = ERRORS.HISTORY_UNAVAILABLE;

describe('a login while the history store is down', () => {
  let redis: PrivateService;
  let backend: Backend;
  let server: TestServer;

  beforeAll(async () => {
    redis = await privateRedis();
    backend = await mysqlRedis.create({ redisUrl: redis.url });
    server = await startTestServer(backend);

    // Something to replay, had Redis stayed up.
    const speaker = await loggedIn(server);
    speaker.say('said before the outage');
    await speaker.nextFrame((frame) => frame.Text === 'said before the outage');
    await server.closeClients();
    await redis.kill();
  }, 60_000);
  afterAll(async () => {
    await server?.closeClients();
    await server?.stop();
    await backend?.cleanup();
    await redis?.destroy();
  }, 30_000);

  it('tells our protocol client HISTORY_UNAVAILABLE right after the login reply, with no replay', async () => {
    const client = await loggedIn(server);

    const notice = await client.nextFrame(withCode('HISTORY_UNAVAILABLE'));
    expect(notice).toMatchObject({
      Type: MessageType.Chat,
      Event: 'notice',
      Content: SENTENCE,
    });
    const order = client.received.map((frame) => frame.Code ?? frame.Content);
    expect(order.slice(-2)).toEqual(['OK', 'HISTORY_UNAVAILABLE']);
    expect(client.received.some((frame) => frame.History)).toBe(false);
  });

  it('gives an original client the sentence as a room line', async () => {
    const client = await loggedIn(server, uniqueName(), { version: null });

    const line = await client.nextFrame(ofType(MessageType.Chat, SENTENCE));
    expect(line).toMatchObject({ Sender: '', Receiver: '' });
  });

  it('shows the sentence as a line in the terminal client’s messages pane', async () => {
    const session = new ChatSession({ host: '127.0.0.1', port: server.port });
    const store = new ChatStore();
    const unbridge = bridgeSession(session, store);
    try {
      const isLoggedIn = new Promise((resolve) =>
        session.once('loggedIn', resolve),
      );
      session.authenticate('register', uniqueName('tui'), 'pw');
      await isLoggedIn;

      const line = await eventually(async () => {
        const { lines } = store.getState();
        const found = lines.find((entry) => entry.text === SENTENCE);
        if (!found) throw new Error(`no notice among ${lines.length} lines`);
        return found;
      });
      expect(line).toMatchObject({ kind: 'notice', text: SENTENCE });
    } finally {
      unbridge();
      session.quit();
    }
  });
});
