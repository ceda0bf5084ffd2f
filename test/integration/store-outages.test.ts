/**
 * What callers see while Redis or MySQL is down: a quick
 * STORE_UNAVAILABLE (SCORES_UNAVAILABLE for scores) instead of a hang, and service again without a
 * restart once the database is back. Uses private servers only.
 */
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pino } from 'pino';
import knexFactory from 'knex';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openSqlDatabase } from '../../server/store/knex-connection.ts';
import { MIGRATIONS_CONFIG } from '../../server/store/migration-source.ts';
import { openStores } from '../../server/store/open-stores.ts';
import type { Stores } from '../../server/store/types.ts';
import {
  privateMariadb,
  privateRedis,
  type PrivateService,
} from '../helpers/private-services.ts';
import { eventually } from '../helpers/eventually.ts';

/** The code a promise rejects with and how long that took. */
async function refusal(work: Promise<unknown>) {
  const started = Date.now();
  try {
    await work;
    return { code: 'resolved', ms: Date.now() - started };
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    return { code: String(code ?? error), ms: Date.now() - started };
  }
}

/** Retries `work` until it resolves, for up to 15 s. */
const recovered = <T>(work: () => Promise<T>): Promise<T> =>
  eventually(work, { timeoutMs: 15_000, everyMs: 200 });

const room = (text: string) => ({
  time: Date.now(),
  sender: 'alice',
  receiver: '',
  text,
  action: false,
});

describe('a Redis outage', () => {
  let redis: PrivateService;
  let stores: Stores;
  let dir: string;

  beforeAll(async () => {
    redis = await privateRedis();
    dir = await mkdtemp(path.join(tmpdir(), 'termchat-outage-'));
    stores = await openStores({
      dataFile: path.join(dir, 'termchat.sqlite'),
      redisUrl: redis.url,
      redisPrefix: 'outage:',
      historyMaxLen: 100,
      logger: pino({ level: 'silent' }),
    });
  });

  afterAll(async () => {
    await stores?.close();
    await redis?.destroy();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('makes history refuse with STORE_UNAVAILABLE and scores with SCORES_UNAVAILABLE within two seconds, then recover by themselves', async () => {
    await stores.history.append(room('before the outage'));
    await stores.activity.add('alice', 1);

    await redis.stop();
    for (const [work, expected] of [
      [stores.history.append(room('during the outage')), 'STORE_UNAVAILABLE'],
      [stores.history.recentFor('alice', 50), 'STORE_UNAVAILABLE'],
      [stores.activity.add('alice', 1), 'SCORES_UNAVAILABLE'],
      [stores.activity.top(10), 'SCORES_UNAVAILABLE'],
      [stores.activity.placeOf('alice'), 'SCORES_UNAVAILABLE'],
    ] as const) {
      const { code, ms } = await refusal(work);
      expect(code).toBe(expected);
      expect(ms).toBeLessThan(2_000);
    }

    // Accounts live in SQL and keep working meanwhile.
    await stores.users.register('Alice', 'pw');
    expect((await stores.users.authenticate('alice', 'pw')).name).toBe('Alice');

    // The private Redis keeps nothing on disk, so it comes back empty.
    await redis.start();
    await recovered(() => stores.history.append(room('after the outage')));
    await stores.activity.add('alice', 2);
    const seen = await stores.history.recentFor('alice', 50);
    expect(seen.map((m) => m.text)).toEqual(['after the outage']);
    expect(await stores.activity.placeOf('alice')).toEqual({
      place: 1,
      score: 2,
    });
  });
  it('refuses within two seconds while Redis is frozen, then works again', async () => {
    await recovered(() => stores.history.append(room('before the freeze')));

    await redis.pause();
    try {
      const attempts = await Promise.all([
        refusal(stores.history.append(room('during the freeze'))),
        refusal(stores.activity.add('alice', 1)),
      ]);
      expect(attempts.map(({ code }) => code)).toEqual([
        'STORE_UNAVAILABLE',
        'SCORES_UNAVAILABLE',
      ]);
      for (const { ms } of attempts) expect(ms).toBeLessThan(2_000);
    } finally {
      redis.resume();
    }

    await recovered(() => stores.history.append(room('after the freeze')));
    const seen = await stores.history.recentFor('alice', 50);
    expect(seen.map((m) => m.text).slice(-1)).toEqual(['after the freeze']);
  });
});

describe('a MySQL outage', () => {
  let mariadb: PrivateService;
  let stores: Stores;

  beforeAll(async () => {
    mariadb = await privateMariadb();
    const database = `termchat_outage_${randomBytes(4).toString('hex')}`;
    const admin = knexFactory({
      client: 'mysql2',
      connection: { host: '127.0.0.1', port: mariadb.port, user: 'root' },
    });
    await admin.raw('CREATE DATABASE ?? CHARACTER SET utf8mb4', [database]);
    await admin.destroy();

    const databaseUrl = `${mariadb.url}/${database}`;
    const migrate = openSqlDatabase({ databaseUrl, dataFile: '' });
    await migrate.knex.migrate.latest(MIGRATIONS_CONFIG);
    await migrate.knex.destroy();
    stores = await openStores({
      databaseUrl,
      dataFile: '',
      historyMaxLen: 100,
      logger: pino({ level: 'silent' }),
    });
  }, 60_000);

  afterAll(async () => {
    await stores?.close();
    await mariadb?.destroy();
  }, 30_000);

  it('makes logins refuse with STORE_UNAVAILABLE within seconds, then work again', async () => {
    await stores.users.register('Bob', 'builder');
    await stores.history.append(room('kept on disk'));

    await mariadb.stop();
    for (const work of [
      stores.users.authenticate('bob', 'builder'),
      stores.users.register('Carol', 'pw'),
      stores.history.append(room('during the outage')),
    ]) {
      const { code, ms } = await refusal(work);
      expect(code).toBe('STORE_UNAVAILABLE');
      expect(ms).toBeLessThan(5_000);
    }

    await mariadb.start();
    const bob = await recovered(() =>
      stores.users.authenticate('bob', 'builder'),
    );
    expect(bob.name).toBe('Bob');
    await stores.users.register('Carol', 'pw');
    const seen = await stores.history.recentFor('carol', 50);
    expect(seen.map((m) => m.text)).toEqual(['kept on disk']);
  }, 60_000);

  it('refuses instead of hanging while MySQL is frozen, then works again', async () => {
    await recovered(() => stores.users.authenticate('bob', 'builder'));

    await mariadb.pause();
    try {
      const attempts = await Promise.all([
        refusal(stores.users.authenticate('bob', 'builder')),
        refusal(stores.users.find('carol')),
        refusal(stores.activity.top(10)),
      ]);
      expect(attempts.map((a) => a.code)).toEqual([
        'STORE_UNAVAILABLE',
        'STORE_UNAVAILABLE',
        'SCORES_UNAVAILABLE',
      ]);
      for (const { ms } of attempts) expect(ms).toBeLessThan(7_000);
    } finally {
      mariadb.resume();
    }

    const bob = await recovered(() =>
      stores.users.authenticate('bob', 'builder'),
    );
    expect(bob.name).toBe('Bob');
  }, 60_000);
});
