/**
 * MySQL going away, end to end: a real server whose accounts live in a
 * private mariadbd (its own port and data folder) and whose history
 * lives in Redis. Logins and registrations must fail fast with
 * STORE_UNAVAILABLE, the room must carry on, and everything must work
 * again once the database is back, without a restart.
 */
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { tmpdir } from 'node:os';
import knexFactory from 'knex';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ERRORS } from '../../shared/errors.ts';
import { MessageType, type Message } from '../../shared/protocol.ts';
import { openSqlDatabase } from '../../server/store/knex-connection.ts';
import { MIGRATIONS_CONFIG } from '../../server/store/migration-source.ts';
import {
  openStores,
  type StoreOptions,
} from '../../server/store/open-stores.ts';
import {
  deleteKeys,
  TEST_REDIS_URL,
  type Backend,
} from '../helpers/backends.ts';
import {
  privateMariadb,
  type PrivateService,
} from '../helpers/private-services.ts';
import {
  loggedIn,
  startTestServer,
  uniqueName,
  type TestServer,
} from '../helpers/server.ts';

let mariadb: PrivateService;
let server: TestServer;
const redisPrefix = `termchat-test:${randomBytes(6).toString('hex')}:`;

beforeAll(async () => {
  mariadb = await privateMariadb();
  const database = `termchat_outage_${randomBytes(4).toString('hex')}`;
  const admin = knexFactory({
    client: 'mysql2',
    connection: { host: '127.0.0.1', port: mariadb.port, user: 'root' },
  });
  await admin.raw('CREATE DATABASE ?? CHARACTER SET utf8mb4', [database]);
  await admin.destroy();
  const options: StoreOptions = {
    databaseUrl: `${mariadb.url}/${database}`,
    redisUrl: TEST_REDIS_URL,
    redisPrefix,
    dataFile: path.join(tmpdir(), 'termchat-unused.sqlite'),
    historyMaxLen: 100,
  };
  const migrate = openSqlDatabase(options);
  await migrate.knex.migrate.latest(MIGRATIONS_CONFIG);
  await migrate.knex.destroy();

  const backend: Backend = {
    name: 'private mariadb',
    options,
    open: () => openStores(options),
    cleanup: async () => undefined,
  };
  server = await startTestServer(backend);
}, 60_000);

afterAll(async () => {
  await server?.closeClients();
  await server?.stop();
  await mariadb?.destroy();
  await deleteKeys(redisPrefix);
}, 30_000);

async function timed(work: Promise<Message>) {
  const started = Date.now();
  const reply = await work;
  return { reply, ms: Date.now() - started };
}

describe('MySQL going away', () => {
  it('refuses logins and registrations with STORE_UNAVAILABLE within seconds, then recovers by itself', async () => {
    const aliceName = uniqueName('alice');
    const alice = await loggedIn(server, aliceName);
    const bobName = uniqueName('bob');
    const bob = await loggedIn(server, bobName);
    await bob.close();

    await mariadb.stop();
    const visitor = await server.connect();
    const login = await timed(visitor.login(bobName, `pw-${bobName}`));
    expect(login.reply).toMatchObject({
      Type: MessageType.Register,
      Code: 'STORE_UNAVAILABLE',
      Content: ERRORS.STORE_UNAVAILABLE,
    });
    expect(login.ms).toBeLessThan(8_000);
    const register = await timed(visitor.register(uniqueName('carol'), 'pw'));
    expect(register.reply.Code).toBe('STORE_UNAVAILABLE');
    expect(register.ms).toBeLessThan(8_000);
    expect(visitor.isOpen).toBe(true);

    // Those already logged in keep chatting: history is in Redis.
    alice.say('still talking');
    const echo = await alice.nextFrame((f) => f.Text === 'still talking');
    expect(echo.Id).toBeTruthy();

    await mariadb.start();
    let reply: Message;
    const deadline = Date.now() + 20_000;
    do {
      reply = await visitor.login(bobName, `pw-${bobName}`);
      if (reply.Content !== 'OK') await new Promise((r) => setTimeout(r, 300));
    } while (reply.Content !== 'OK' && Date.now() < deadline);
    expect(reply.Content).toBe('OK');
    const carol = await server.connect();
    expect((await carol.register(uniqueName('carol'), 'pw')).Content).toBe(
      'OK',
    );
  }, 60_000);
});
