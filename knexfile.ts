/**
 * The knex CLI's configuration, used by `npm run migrate` and
 * `npm run migrate:rollback`: MySQL when DATABASE_URL is set, else the
 * SQLite file at DATA_FILE (default ./data/termchat.sqlite), the same
 * settings the server opens. `npm run migrate` creates a MySQL database
 * that does not exist yet; a problem is one sentence and exit code 1.
 */
import type { Knex } from 'knex';
import { sqlConfig } from './server/store/knex-connection.ts';
import { MIGRATIONS_CONFIG } from './server/store/migration-source.ts';
import {
  DatabaseSetupError,
  databaseWhere,
  prepareMysqlDatabase,
} from './server/store/mysql-database.ts';

/** The SQLite file used when neither DATA_FILE nor DATABASE_URL is set. */
export const DEFAULT_DATA_FILE = './data/termchat.sqlite';

/** Commands that may create the database: they bring it up to date. */
const CREATING_COMMANDS = ['migrate:latest', 'migrate:up'];

/** The knex settings, after making sure a MySQL database is there. */
export default async function knexfile(): Promise<Knex.Config> {
  const databaseUrl = process.env.DATABASE_URL || undefined;
  try {
    const { config } = sqlConfig({
      databaseUrl,
      dataFile: process.env.DATA_FILE || DEFAULT_DATA_FILE,
    });
    if (databaseUrl) await prepare(databaseUrl);
    return { ...config, migrations: MIGRATIONS_CONFIG };
  } catch (error) {
    if (!(error instanceof DatabaseSetupError) && !isOwnSentence(error)) {
      throw error;
    }
    process.stderr.write(`${(error as Error).message}\n`);
    process.exit(1);
  }
}

async function prepare(databaseUrl: string): Promise<void> {
  const create = process.argv.some((arg) => CREATING_COMMANDS.includes(arg));
  const state = await prepareMysqlDatabase(databaseUrl, { create });
  const where = databaseWhere(databaseUrl);
  if (state === 'created') {
    process.stdout.write(
      `Created the database ${where} (utf8mb4, utf8mb4_unicode_ci).\n`,
    );
  } else if (state === 'missing') {
    throw new DatabaseSetupError(
      `The database ${where} does not exist; \`npm run migrate\` creates it.`,
    );
  }
}

// sqlConfig's own refusals (a malformed DATABASE_URL, a DATA_FILE that
// cannot be used) are already sentences.
function isOwnSentence(error: unknown): boolean {
  return error instanceof Error && error.constructor === Error;
}
