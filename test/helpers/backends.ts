/**
 * The storage backends every contract test runs against: a SQLite file,
 * and MariaDB plus Redis. Each `create()` makes fresh, private data (a
 * temp file, or a new database and key prefix) so test files can run in
 * parallel; an unreachable MariaDB or Redis fails the test, never skips.
 */
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Redis } from 'ioredis';
import knexFactory, { type Knex } from 'knex';
import { openSqlDatabase } from '../../server/store/knex-connection.ts';
import { MIGRATIONS_CONFIG } from '../../server/store/migration-source.ts';
import {
  openStores,
  type StoreOptions,
} from '../../server/store/open-stores.ts';
import { redisKeys } from '../../server/store/redis-keys.ts';
import type { Stores } from '../../server/store/types.ts';

/** MariaDB server (no database in the path) the tests create databases on. */
export const TEST_DATABASE_URL =
  process.env.TEST_DATABASE_URL ?? 'mysql://root@127.0.0.1:3306';
/** Redis the tests use, each under its own key prefix. */
export const TEST_REDIS_URL =
  process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

/** Fresh data for one test file, and the options to reach it again. */
export interface Backend {
  name: string;
  /** Pass these to openStores or a server to use the same data again. */
  options: StoreOptions;
  /** Opens stores on the data; cleanup closes any still open. */
  open(): Promise<Stores>;
  /** Closes what open() returned and deletes the data. */
  cleanup(): Promise<void>;
}

/** A kind of backend that can make fresh data on demand. */
export interface BackendKind {
  name: string;
  create(overrides?: Partial<StoreOptions>): Promise<Backend>;
}

const HISTORY_MAX_LEN = 1000;

/** A temp SQLite file holding users, history and activity. */
export const sqlite: BackendKind = {
  name: 'sqlite',
  async create(overrides = {}) {
    const dir = await mkdtemp(path.join(tmpdir(), 'termchat-test-'));
    const options: StoreOptions = {
      dataFile: path.join(dir, 'termchat.sqlite'),
      historyMaxLen: HISTORY_MAX_LEN,
      ...overrides,
    };
    return tracked('sqlite', options, () =>
      rm(dir, { recursive: true, force: true }),
    );
  },
};

/** A fresh migrated MariaDB database plus a fresh Redis key prefix. */
export const mysqlRedis: BackendKind = {
  name: 'mysql+redis',
  async create(overrides = {}) {
    const id = randomBytes(6).toString('hex');
    const database = `termchat_test_${id}`;
    const databaseUrl = await createDatabase(database);
    const redisPrefix = `termchat-test:${id}:`;
    await checkRedis();
    const options: StoreOptions = {
      databaseUrl,
      redisUrl: TEST_REDIS_URL,
      redisPrefix,
      dataFile: path.join(tmpdir(), `termchat-unused-${id}.sqlite`),
      historyMaxLen: HISTORY_MAX_LEN,
      ...overrides,
    };
    return tracked('mysql+redis', options, async () => {
      await dropDatabase(database);
      await deleteKeys(redisPrefix);
    });
  },
};

/** Every backend, for `describe.each(BACKENDS)`. */
export const BACKENDS: BackendKind[] = [sqlite, mysqlRedis];

/** Opens knex on a backend's SQL database, to read rows directly. */
export function openBackendSql(options: StoreOptions): Knex {
  return openSqlDatabase(options).knex;
}

function tracked(
  name: string,
  options: StoreOptions,
  removeData: () => Promise<void>,
): Backend {
  const open = new Set<Stores>();
  return {
    name,
    options,
    async open() {
      const stores = await openStores(options);
      const close = stores.close.bind(stores);
      stores.close = async () => {
        if (!open.delete(stores)) return;
        await close();
      };
      open.add(stores);
      return stores;
    },
    async cleanup() {
      await Promise.all([...open].map((stores) => stores.close()));
      await removeData();
    },
  };
}

function adminKnex(): Knex {
  const url = new URL(TEST_DATABASE_URL);
  return knexFactory({
    client: 'mysql2',
    connection: {
      host: url.hostname,
      port: Number(url.port || 3306),
      user: decodeURIComponent(url.username) || 'root',
      password: decodeURIComponent(url.password),
      connectTimeout: 3_000,
    },
    pool: { min: 0, max: 1 },
    acquireConnectionTimeout: 5_000,
  });
}

async function createDatabase(database: string): Promise<string> {
  const admin = adminKnex();
  try {
    await admin.raw(
      'CREATE DATABASE ?? CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci',
      [database],
    );
  } catch (error) {
    throw new Error(
      `MariaDB at ${TEST_DATABASE_URL} is not usable for the mysql+redis tests (set TEST_DATABASE_URL): ${(error as Error).message}`,
      { cause: error },
    );
  } finally {
    await admin.destroy();
  }

  const url = new URL(TEST_DATABASE_URL);
  url.pathname = `/${database}`;
  const migrated = openSqlDatabase({ databaseUrl: url.href, dataFile: '' });
  try {
    await migrated.knex.migrate.latest(MIGRATIONS_CONFIG);
  } catch (error) {
    await dropDatabase(database);
    throw error;
  } finally {
    await migrated.knex.destroy();
  }
  return url.href;
}

async function dropDatabase(database: string): Promise<void> {
  const admin = adminKnex();
  try {
    await admin.raw('DROP DATABASE IF EXISTS ??', [database]);
  } finally {
    await admin.destroy();
  }
}

async function checkRedis(): Promise<void> {
  const redis = new Redis(TEST_REDIS_URL, {
    lazyConnect: true,
    maxRetriesPerRequest: 0,
    retryStrategy: () => null,
    connectTimeout: 3_000,
  });
  redis.on('error', () => {});
  try {
    await redis.connect();
    await redis.ping();
  } catch (error) {
    throw new Error(
      `Redis at ${TEST_REDIS_URL} is not reachable for the mysql+redis tests (set TEST_REDIS_URL): ${(error as Error).message}`,
      { cause: error },
    );
  } finally {
    redis.disconnect();
  }
}

/** Deletes every key under a prefix. */
export async function deleteKeys(prefix: string): Promise<void> {
  const redis = new Redis(TEST_REDIS_URL, { maxRetriesPerRequest: 1 });
  try {
    const stream = redis.scanStream({
      match: redisKeys(prefix).everything(),
      count: 500,
    });
    for await (const keys of stream) {
      if ((keys as string[]).length > 0) await redis.del(...(keys as string[]));
    }
  } finally {
    redis.disconnect();
  }
}
