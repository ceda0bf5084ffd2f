/**
 * Opens the SQL database: MySQL/MariaDB when a `mysql://` URL is given,
 * else a SQLite file. Timeouts are short so an outage turns into a quick
 * STORE_UNAVAILABLE instead of a hung login.
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import knexFactory, { type Knex } from 'knex';
import type { Logger } from 'pino';
import { dataFileProblem } from './data-file.ts';

/** How long a query waits for a pooled connection before giving up. */
export const ACQUIRE_TIMEOUT_MS = 3_500;
/** How long mysql2 waits for the TCP handshake of a new connection. */
export const CONNECT_TIMEOUT_MS = 3_000;

/** An open SQL database and what to call it in logs. */
export interface SqlDatabase {
  knex: Knex;
  kind: 'mysql' | 'sqlite';
  /** Where the data lives, with no password in it. */
  where: string;
}

/** Parses a `mysql://user:pass@host:port/db` URL into mysql2 settings. */
export function mysqlConnection(
  databaseUrl: string,
): Knex.MySql2ConnectionConfig {
  let url: URL;
  try {
    url = new URL(databaseUrl);
  } catch {
    throw new Error(
      'DATABASE_URL is not a valid URL; use mysql://user:password@host:3306/termchat.',
    );
  }
  if (url.protocol !== 'mysql:' && url.protocol !== 'mariadb:') {
    throw new Error(
      `DATABASE_URL must start with mysql:// (got ${url.protocol}//); leave it unset to use SQLite.`,
    );
  }
  const database = decodeURIComponent(url.pathname.replace(/^\//, ''));
  if (!database) {
    throw new Error(
      'DATABASE_URL must name a database, e.g. mysql://root@127.0.0.1:3306/termchat.',
    );
  }
  return {
    host: url.hostname || '127.0.0.1',
    port: url.port ? Number(url.port) : 3306,
    user: decodeURIComponent(url.username) || 'root',
    password: decodeURIComponent(url.password),
    database,
    charset: 'utf8mb4',
    connectTimeout: CONNECT_TIMEOUT_MS,
    supportBigNumbers: true,
  };
}

/** Knex settings for MySQL (with a URL) or SQLite (without). */
export interface SqlConfig {
  config: Knex.Config;
  kind: 'mysql' | 'sqlite';
  /** Where the data lives, with no password in it. */
  where: string;
}

/**
 * Builds the knex settings for a database; for SQLite it also creates
 * the file's folder, so a first start needs no setup.
 */
export function sqlConfig(options: {
  databaseUrl?: string;
  dataFile: string;
}): SqlConfig {
  if (options.databaseUrl) {
    const connection = mysqlConnection(options.databaseUrl);
    const config: Knex.Config = {
      client: 'mysql2',
      connection,
      pool: { min: 0, max: 10 },
      acquireConnectionTimeout: ACQUIRE_TIMEOUT_MS,
    };
    const where = `MySQL ${connection.user}@${connection.host}:${connection.port}/${connection.database}`;
    return { config, kind: 'mysql', where };
  }

  const problem = dataFileProblem(options.dataFile);
  if (problem) throw new Error(problem);
  const filename = path.resolve(options.dataFile);
  try {
    mkdirSync(path.dirname(filename), { recursive: true });
  } catch (error) {
    throw new Error(
      `Cannot create the folder of DATA_FILE (--data-file) "${options.dataFile}": ${(error as Error).message}.`,
      { cause: error },
    );
  }
  const config: Knex.Config = {
    client: 'better-sqlite3',
    connection: { filename },
    useNullAsDefault: true,
    acquireConnectionTimeout: ACQUIRE_TIMEOUT_MS,
    pool: {
      afterCreate(db: SqliteHandle, done: (error: unknown) => void) {
        try {
          // WAL lets a second process (e.g. `npm run migrate`) read while
          // the server writes; the busy timeout rides out short locks.
          db.pragma('journal_mode = WAL');
          db.pragma('busy_timeout = 3000');
          done(null);
        } catch (error) {
          done(error);
        }
      },
    },
  };
  return { config, kind: 'sqlite', where: `SQLite ${filename}` };
}

/** Opens a knex instance for MySQL (with a URL) or SQLite (without). */
export function openSqlDatabase(options: {
  databaseUrl?: string;
  dataFile: string;
  logger?: Logger;
}): SqlDatabase {
  const { config, kind, where } = sqlConfig(options);
  const { logger } = options;
  if (logger) {
    // knex prints its own warnings (e.g. each failed connection attempt)
    // to the console unless given a logger; their stacks say nothing new.
    config.log = {
      warn: (message: unknown) =>
        logger.warn({ db: where }, firstLine(message)),
      error: (message: unknown) =>
        logger.error({ db: where }, firstLine(message)),
      deprecate: (message: unknown) => logger.warn(String(message)),
      debug: (message: unknown) => logger.debug(String(message)),
    };
  }
  return { knex: knexFactory(config), kind, where };
}

function firstLine(message: unknown): string {
  return String(message).split('\n', 1)[0]!;
}

interface SqliteHandle {
  pragma(source: string): unknown;
}
