/**
 * A ranking asked for the moment a join or a message arrives already
 * counts its points, even when the activity store is slow: clients
 * refresh the Activity pane on those frames.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { MessageType, type Message } from '../../shared/protocol.ts';
import { sqlite, type Backend } from '../helpers/backends.ts';
import { ofType } from '../helpers/client.ts';
import {
  loggedIn,
  startTestServer,
  uniqueName,
  type TestServer,
} from '../helpers/server.ts';

/** Longer than a join or a message takes to reach another client. */
const SLOW_SCORE_MS = 300;

describe('the ranking right after activity', () => {
  let backend: Backend;
  let server: TestServer;

  beforeAll(async () => {
    const slowed = await sqlite.create();
    const open = slowed.open.bind(slowed);
    backend = {
      ...slowed,
      async open() {
        const stores = await open();
        const add = stores.activity.add.bind(stores.activity);
        stores.activity.add = async (name, points) => {
          await new Promise((resolve) => setTimeout(resolve, SLOW_SCORE_MS));
          await add(name, points);
        };
        return stores;
      },
    };
    server = await startTestServer(backend);
  });
  afterEach(() => server.closeClients());
  afterAll(async () => {
    await server?.stop();
    await backend?.cleanup();
  });

  it('counts the points of a join or a message in a rank asked for the moment it arrives', async () => {
    const watcher = await loggedIn(server, uniqueName('watch'));
    const dave = uniqueName('dave');
    const daveScore = async () => {
      watcher.send({ Type: MessageType.Rank });
      const reply = await watcher.nextFrame(ofType(MessageType.Rank));
      return reply.Rank!.find((entry) => entry.Name === dave)?.Score;
    };

    const daveClient = await loggedIn(server, dave);
    await watcher.nextFrame(
      (frame) => frame.Event === 'join' && frame.Sender === dave,
    );
    expect(await daveScore()).toBe(2);

    daveClient.say('first');
    await watcher.nextFrame(
      (frame: Message) => frame.Text === 'first' && !frame.History,
    );
    expect(await daveScore()).toBe(3);
  });
});
