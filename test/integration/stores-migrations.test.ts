/**
 * Migrations up, down and up again on MariaDB and SQLite; `npm run
 * migrate`; and openStores refusing a MySQL database that is behind.
 */
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readdirSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { pino } from 'pino';
import knexFactory, { type Knex } from 'knex';
import { afterAll, describe, expect, it, onTestFinished } from 'vitest';
import { openSqlDatabase } from '../../server/store/knex-connection.ts';
import {
  MIGRATION_FILE,
  MIGRATIONS_CONFIG,
  MIGRATIONS_DIR,
  migrationFiles,
} from '../../server/store/migration-source.ts';
import { openStores } from '../../server/store/open-stores.ts';
import {
  PendingMigrationsError,
  StoreConnectError,
  StoreOpenError,
} from '../../server/store/store-errors.ts';
import { TEST_DATABASE_URL } from '../helpers/backends.ts';

const run = promisify(execFile);
const ROOT = path.resolve(MIGRATIONS_DIR, '..');
const APP_TABLES = ['activity', 'messages', 'users'];

const admin = knexFactory({
  client: 'mysql2',
  connection: mysqlServer(),
  pool: { min: 0, max: 1 },
});

afterAll(() => admin.destroy());

function mysqlServer() {
  const url = new URL(TEST_DATABASE_URL);
  return {
    host: url.hostname,
    port: Number(url.port || 3306),
    user: decodeURIComponent(url.username) || 'root',
    password: decodeURIComponent(url.password),
  };
}

/** A new empty MariaDB database, dropped when the test ends. */
async function emptyMysqlDatabase(): Promise<string> {
  const name = `termchat_test_${randomBytes(6).toString('hex')}`;
  await admin.raw('CREATE DATABASE ?? CHARACTER SET utf8mb4', [name]);
  onTestFinished(async () => {
    await admin.raw('DROP DATABASE IF EXISTS ??', [name]);
  });
  const url = new URL(TEST_DATABASE_URL);
  url.pathname = `/${name}`;
  return url.href;
}

/** A path for a SQLite file in a new temp folder, removed afterwards. */
async function sqliteFile(): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), 'termchat-migrate-'));
  onTestFinished(() => rm(dir, { recursive: true, force: true }));
  return path.join(dir, 'nested', 'termchat.sqlite');
}

/** Knex on a database, destroyed when the test ends. */
function connect(options: { databaseUrl?: string; dataFile: string }): Knex {
  const { knex } = openSqlDatabase(options);
  onTestFinished(() => knex.destroy());
  return knex;
}

async function appTables(knex: Knex): Promise<string[]> {
  const present = await Promise.all(
    APP_TABLES.map(async (table) =>
      (await knex.schema.hasTable(table)) ? table : null,
    ),
  );
  return present.filter((table) => table !== null);
}

describe('migration files', () => {
  it('are all named YYYYMMDDHHMMSS_snake_name.ts and export up and down', async () => {
    const files = readdirSync(MIGRATIONS_DIR);
    expect(files.filter((file) => !MIGRATION_FILE.test(file))).toEqual([]);
    expect(migrationFiles()).toEqual([...files].sort());
    for (const file of files) {
      const module = await import(path.join(MIGRATIONS_DIR, file));
      expect(typeof module.up, file).toBe('function');
      expect(typeof module.down, file).toBe('function');
    }
  });
});

describe.each([
  {
    name: 'MariaDB',
    database: async () => ({
      databaseUrl: await emptyMysqlDatabase(),
      dataFile: '',
    }),
  },
  { name: 'SQLite', database: async () => ({ dataFile: await sqliteFile() }) },
])('migrations on $name', ({ database }) => {
  it('go up, all the way down and up again', async () => {
    const knex = connect(await database());

    await knex.migrate.latest(MIGRATIONS_CONFIG);
    expect(await appTables(knex)).toEqual(APP_TABLES);

    await knex.migrate.rollback(MIGRATIONS_CONFIG, true);
    expect(await appTables(knex)).toEqual([]);

    const [, log] = await knex.migrate.latest(MIGRATIONS_CONFIG);
    expect(log).toEqual(migrationFiles());
    expect(await appTables(knex)).toEqual(APP_TABLES);
  });

  it('run one step at a time in both directions', async () => {
    const knex = connect(await database());
    const files = migrationFiles();
    for (let step = 1; step <= files.length; step++) {
      await knex.migrate.up(MIGRATIONS_CONFIG);
      const [done] = await knex.migrate.list(MIGRATIONS_CONFIG);
      expect(done.map((m: { name: string }) => m.name)).toEqual(
        files.slice(0, step),
      );
    }
    for (let step = files.length; step >= 1; step--) {
      await knex.migrate.down(MIGRATIONS_CONFIG);
    }
    expect(await appTables(knex)).toEqual([]);
  });

  it('fill the skeleton of existing accounts, the older of two look-alikes keeping it', async () => {
    const knex = connect(await database());
    const files = migrationFiles();
    const skeletonStep = files.indexOf('20261203200700_add_users_skeleton.ts');
    for (let step = 0; step < skeletonStep; step++) {
      await knex.migrate.up(MIGRATIONS_CONFIG);
    }
    const account = (name: string, canonical: string) => ({
      name,
      canonical,
      password_hash: 'x',
      created_at: 1,
    });
    await knex('users').insert(account('Alice', 'alice'));
    await knex('users').insert(
      account(
        '\u0430\u04cf\u0456\u0441\u0435',
        '\u0430\u04cf\u0456\u0441\u0435',
      ),
    );
    await knex('users').insert(account('小明', '小明'));

    await knex.migrate.up(MIGRATIONS_CONFIG);
    const rows = await knex('users').select('name', 'skeleton').orderBy('id');
    expect(rows).toEqual([
      { name: 'Alice', skeleton: 'alice' },
      { name: '\u0430\u04cf\u0456\u0441\u0435', skeleton: null },
      { name: '小明', skeleton: '小明' },
    ]);
    await expect(
      knex('users').insert({ ...account('a2', 'a2'), skeleton: 'alice' }),
    ).rejects.toThrow();

    await knex.migrate.down(MIGRATIONS_CONFIG);
    expect(await knex.schema.hasColumn('users', 'skeleton')).toBe(false);
    expect(await knex('users').count({ n: '*' })).toEqual([{ n: 3 }]);
  });
});

describe('npm run migrate', () => {
  it('migrates the MySQL database named by DATABASE_URL', async () => {
    const databaseUrl = await emptyMysqlDatabase();
    const env = { ...process.env, DATABASE_URL: databaseUrl };
    const { stdout } = await run('npm', ['run', '-s', 'migrate'], {
      cwd: ROOT,
      env,
    });
    expect(stdout).toContain(
      `Batch 1 run: ${migrationFiles().length} migrations`,
    );
    expect(await appTables(connect({ databaseUrl, dataFile: '' }))).toEqual(
      APP_TABLES,
    );

    const rolled = await run('npm', ['run', '-s', 'migrate:rollback'], {
      cwd: ROOT,
      env,
    });
    expect(rolled.stdout).toContain('rolled back');
    expect(await appTables(connect({ databaseUrl, dataFile: '' }))).toEqual([]);
  }, 60_000);

  it('creates the MySQL database when it does not exist, and says so', async () => {
    const name = `termchat_test_${randomBytes(6).toString('hex')}`;
    onTestFinished(async () => {
      await admin.raw('DROP DATABASE IF EXISTS ??', [name]);
    });
    const url = new URL(TEST_DATABASE_URL);
    url.pathname = `/${name}`;
    const env = { ...process.env, DATABASE_URL: url.href };

    const status = await run('npm', ['run', '-s', 'migrate:status'], {
      cwd: ROOT,
      env,
    }).catch((error: { code: number; stderr: string }) => error);
    expect(status).toMatchObject({
      code: 1,
      stderr: expect.stringMatching(
        new RegExp(
          `^The database ${name} on root@[^ ]+ does not exist; \`npm run migrate\` creates it\\.\n$`,
        ),
      ),
    });

    const { stdout } = await run('npm', ['run', '-s', 'migrate'], {
      cwd: ROOT,
      env,
    });
    expect(stdout).toContain(
      `Created the database ${name} on root@${url.hostname}:`,
    );
    expect(stdout).toContain(
      `Batch 1 run: ${migrationFiles().length} migrations`,
    );
    const [schema] = await admin('information_schema.SCHEMATA')
      .select('DEFAULT_CHARACTER_SET_NAME as charset')
      .select('DEFAULT_COLLATION_NAME as collation')
      .where('SCHEMA_NAME', name);
    expect(schema).toEqual({
      charset: 'utf8mb4',
      collation: 'utf8mb4_unicode_ci',
    });
    expect(
      await appTables(connect({ databaseUrl: url.href, dataFile: '' })),
    ).toEqual(APP_TABLES);
  }, 60_000);

  it('prints one sentence, not a stack, when MySQL cannot be reached', async () => {
    const port = await closedPort();
    const env = {
      ...process.env,
      DATABASE_URL: `mysql://root@127.0.0.1:${port}/termchat`,
    };
    const failed = await run('npm', ['run', '-s', 'migrate'], {
      cwd: ROOT,
      env,
    }).catch((error: { code: number; stderr: string }) => error);
    expect(failed).toMatchObject({
      code: 1,
      stderr: `Cannot reach MySQL at root@127.0.0.1:${port}: connect ECONNREFUSED 127.0.0.1:${port}. Check DATABASE_URL and that the server is running.\n`,
    });
  }, 60_000);

  it('migrates the SQLite file named by DATA_FILE when there is no DATABASE_URL', async () => {
    const dataFile = await sqliteFile();
    const env = { ...process.env, DATA_FILE: dataFile, DATABASE_URL: '' };
    await run('npm', ['run', '-s', 'migrate'], { cwd: ROOT, env });
    expect(await appTables(connect({ dataFile }))).toEqual(APP_TABLES);
  }, 60_000);
});

describe('openStores', () => {
  it('refuses a MySQL database with pending migrations and names the fix', async () => {
    const databaseUrl = await emptyMysqlDatabase();
    const options = { databaseUrl, dataFile: '', historyMaxLen: 10 };

    const untouched = await openStores(options).catch(
      (error: unknown) => error,
    );
    expect(untouched).toBeInstanceOf(PendingMigrationsError);
    expect(untouched).toBeInstanceOf(StoreOpenError);
    expect((untouched as Error).message).toContain('npm run migrate');
    expect((untouched as PendingMigrationsError).pending).toEqual(
      migrationFiles(),
    );

    const knex = connect({ databaseUrl, dataFile: '' });
    await knex.migrate.up(MIGRATIONS_CONFIG);
    const behind = await openStores(options).catch((error: unknown) => error);
    expect((behind as PendingMigrationsError).pending).toEqual(
      migrationFiles().slice(1),
    );
    expect(await appTables(knex)).toEqual(['users']);

    await knex.migrate.latest(MIGRATIONS_CONFIG);
    const stores = await openStores(options);
    onTestFinished(() => stores.close());
    expect(stores.describe()).toContain('MySQL');
    await stores.users.register('Migrated', 'pw');
    expect((await stores.users.find('migrated'))?.name).toBe('Migrated');
  });

  it('creates and migrates a SQLite file on first open', async () => {
    const dataFile = await sqliteFile();
    const stores = await openStores({ dataFile, historyMaxLen: 10 });
    onTestFinished(() => stores.close());
    expect(stores.describe()).toContain(dataFile);
    await stores.users.register('First', 'pw');
    expect((await stores.users.authenticate('FIRST', 'pw')).name).toBe('First');
  });

  it('fails fast with a readable error when MySQL or Redis cannot be reached', async () => {
    const port = await closedPort();
    const started = Date.now();
    const mysql = await openStores({
      databaseUrl: `mysql://root@127.0.0.1:${port}/termchat`,
      dataFile: '',
      historyMaxLen: 10,
      logger: pino({ level: 'silent' }),
    }).catch((error: unknown) => error);
    expect(mysql).toBeInstanceOf(StoreConnectError);
    expect((mysql as Error).message).toContain(`127.0.0.1:${port}`);

    const redis = await openStores({
      dataFile: await sqliteFile(),
      redisUrl: `redis://127.0.0.1:${port}`,
      historyMaxLen: 10,
    }).catch((error: unknown) => error);
    expect(redis).toBeInstanceOf(StoreConnectError);
    expect((redis as Error).message).toContain(`Redis at 127.0.0.1:${port}`);
    expect(Date.now() - started).toBeLessThan(10_000);
  });

  it('rejects a malformed database URL or history length with a sentence', async () => {
    const dataFile = await sqliteFile();
    const bad = [
      { databaseUrl: 'postgres://x/y', dataFile, historyMaxLen: 10 },
      {
        databaseUrl: 'mysql://root@127.0.0.1:3306',
        dataFile,
        historyMaxLen: 10,
      },
      { dataFile, historyMaxLen: 0 },
    ];
    for (const options of bad) {
      const error = await openStores(options).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(StoreOpenError);
      expect((error as Error).message).toMatch(/DATABASE_URL|history length/);
    }
  });
});

/** A local port with nothing listening on it. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}
