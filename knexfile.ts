/**
 * The knex CLI's configuration, used by `npm run migrate` and
 * `npm run migrate:rollback`: MySQL when DATABASE_URL is set, else the
 * SQLite file at DATA_FILE (default ./data/termchat.sqlite), the same
 * settings the server opens.
 */
import type { Knex } from 'knex';
import { sqlConfig } from './server/store/knex-connection.ts';
import { MIGRATIONS_CONFIG } from './server/store/migration-source.ts';

/** The SQLite file used when neither DATA_FILE nor DATABASE_URL is set. */
export const DEFAULT_DATA_FILE = './data/termchat.sqlite';

const { config } = sqlConfig({
  databaseUrl: process.env.DATABASE_URL || undefined,
  dataFile: process.env.DATA_FILE || DEFAULT_DATA_FILE,
});

const knexfile: Knex.Config = { ...config, migrations: MIGRATIONS_CONFIG };

export default knexfile;
