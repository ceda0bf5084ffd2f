/**
 * The MySQL/MariaDB database itself, before any table: whether the one
 * DATABASE_URL names exists, and creating it for `npm run migrate`. It
 * connects without a database, since the one named may not exist yet.
 */
import knexFactory from 'knex';
import { mysqlConnection } from './knex-connection.ts';
import { describeCause } from './store-errors.ts';

/** What `prepareMysqlDatabase` found or did. */
export type DatabaseState = 'exists' | 'created' | 'missing';

/** A failure that is a sentence for the person running the command. */
export class DatabaseSetupError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'DatabaseSetupError';
  }
}

/** Where a database lives, for sentences: `termchat on root@host:3306`. */
export function databaseWhere(databaseUrl: string): string {
  const { database, user, host, port } = mysqlConnection(databaseUrl);
  return `${database} on ${user}@${host}:${port}`;
}

/**
 * Checks that the database exists and, with `create`, creates it (utf8mb4,
 * utf8mb4_unicode_ci, as the migrations expect) when it does not. Rejects
 * with a DatabaseSetupError when the server cannot be reached or refuses.
 */
export async function prepareMysqlDatabase(
  databaseUrl: string,
  options: { create: boolean },
): Promise<DatabaseState> {
  const { database: named, ...connection } = mysqlConnection(databaseUrl);
  const database = String(named);
  const where = `${connection.user}@${connection.host}:${connection.port}`;
  const admin = knexFactory({
    client: 'mysql2',
    connection,
    pool: { min: 0, max: 1 },
    acquireConnectionTimeout: 5_000,
    // Failures become one sentence below; knex would print stacks first.
    log: { warn: quiet, error: quiet, deprecate: quiet, debug: quiet },
  });
  try {
    const rows: unknown[] = await admin('information_schema.SCHEMATA')
      .select('SCHEMA_NAME')
      .where('SCHEMA_NAME', database)
      .catch((error: unknown) => {
        throw new DatabaseSetupError(
          `Cannot reach MySQL at ${where}: ${describeCause(error)}. Check DATABASE_URL and that the server is running.`,
          { cause: error },
        );
      });
    if (rows.length > 0) return 'exists';
    if (!options.create) return 'missing';
    await admin
      .raw(
        'CREATE DATABASE IF NOT EXISTS ?? CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci',
        [database],
      )
      .catch((error: unknown) => {
        throw new DatabaseSetupError(
          `The database ${database} does not exist on ${where} and cannot be created there (${describeCause(error)}); create it with CREATE DATABASE \`${database}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci, or fix DATABASE_URL.`,
          { cause: error },
        );
      });
    return 'created';
  } finally {
    await admin.destroy();
  }
}

function quiet(): void {}

/** True for mysql2's "Unknown database" (ER_BAD_DB_ERROR). */
export function isUnknownDatabase(error: unknown): boolean {
  const { code, cause } = (error ?? {}) as { code?: unknown; cause?: unknown };
  if (code === 'ER_BAD_DB_ERROR') return true;
  return cause !== undefined && cause !== error && isUnknownDatabase(cause);
}
