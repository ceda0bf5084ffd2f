/**
 * Opens every store the server needs from its configuration. Users live
 * in SQL (MySQL with a URL, else a SQLite file); history and activity in
 * Redis when a Redis URL is given, else in the same SQL database.
 */
import type { Knex } from 'knex';
import type { Redis } from 'ioredis';
import type { Logger } from 'pino';
import { openSqlDatabase, type SqlDatabase } from './knex-connection.ts';
import { MIGRATIONS_CONFIG, pendingMigrations } from './migration-source.ts';
import { RedisActivityStore } from './redis-activity-store.ts';
import { openRedis, redisWhere } from './redis-connection.ts';
import { RedisHistoryStore } from './redis-history-store.ts';
import { redisKeys } from './redis-keys.ts';
import { SqlActivityStore } from './sql-activity-store.ts';
import { SqlHistoryStore } from './sql-history-store.ts';
import { SqlUserStore } from './sql-user-store.ts';
import { isUnknownDatabase } from './mysql-database.ts';
import {
  MissingDatabaseError,
  PendingMigrationsError,
  StoreConnectError,
  StoreOpenError,
} from './store-errors.ts';
import type { Stores } from './types.ts';

/** Where and how to store data. */
export interface StoreOptions {
  /** `mysql://user:pass@host:port/db`; without it users live in SQLite. */
  databaseUrl?: string;
  /** `redis://host:port`; without it history and activity live in SQL. */
  redisUrl?: string;
  /** The SQLite file used when there is no databaseUrl. */
  dataFile: string;
  /** Prefix of every Redis key; default `termchat:`. */
  redisPrefix?: string;
  /** How many messages each history stream or table keeps, at least. */
  historyMaxLen: number;
  logger?: Logger;
}

/** The Redis key prefix when none is configured. */
export const DEFAULT_REDIS_PREFIX = 'termchat:';

/**
 * Opens the stores. SQLite is migrated on the spot; MySQL must already be
 * migrated (`npm run migrate`), else this rejects with
 * PendingMigrationsError. Unreachable services reject with
 * StoreConnectError; both are StoreOpenErrors with a readable message.
 */
export async function openStores(options: StoreOptions): Promise<Stores> {
  if (!Number.isInteger(options.historyMaxLen) || options.historyMaxLen < 1) {
    throw new StoreOpenError(
      `The history length must be a whole number of at least 1 (got ${options.historyMaxLen}).`,
    );
  }
  let sql: SqlDatabase;
  try {
    sql = openSqlDatabase(options);
  } catch (error) {
    throw new StoreOpenError((error as Error).message, { cause: error });
  }

  let redis: Redis | undefined;
  try {
    await prepareSchema(sql);
    if (options.redisUrl) {
      redis = await openRedis(options.redisUrl, options.logger);
    }
  } catch (error) {
    await sql.knex.destroy();
    throw error;
  }
  return assemble(sql, redis, options);
}

async function prepareSchema({ knex, kind, where }: SqlDatabase) {
  try {
    if (kind === 'sqlite') {
      await knex.migrate.latest(MIGRATIONS_CONFIG);
      return;
    }
    const pending = await pendingMigrations(knex);
    if (pending.length > 0) throw new PendingMigrationsError(pending);
  } catch (error) {
    if (error instanceof StoreOpenError) throw error;
    if (isUnknownDatabase(error)) throw new MissingDatabaseError(where);
    throw new StoreConnectError(where, error);
  }
}

function assemble(
  sql: SqlDatabase,
  redis: Redis | undefined,
  options: StoreOptions,
): Stores {
  const knex: Knex = sql.knex;
  const users = new SqlUserStore(knex);
  if (!redis) {
    return {
      users,
      history: new SqlHistoryStore(knex, options.historyMaxLen),
      activity: new SqlActivityStore(knex),
      describe: () => `users, history and activity in ${sql.where}`,
      close: () => knex.destroy(),
    };
  }

  const prefix = options.redisPrefix ?? DEFAULT_REDIS_PREFIX;
  const keys = redisKeys(prefix);
  const where = `Redis ${redisWhere(options.redisUrl ?? '')} (prefix ${prefix})`;
  return {
    users,
    history: new RedisHistoryStore(redis, keys, options.historyMaxLen),
    activity: new RedisActivityStore(redis, keys),
    describe: () => `users in ${sql.where}; history and activity in ${where}`,
    async close() {
      // QUIT lets replies in flight arrive; with Redis down it fails at
      // once (no offline queue) and the socket is simply dropped.
      await redis.quit().catch(() => redis.disconnect());
      await knex.destroy();
    },
  };
}
