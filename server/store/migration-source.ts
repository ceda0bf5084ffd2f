/**
 * Finds the knex migrations in `migrations/` and loads them through our
 * own module loader, so they run the same under tsx, vitest and the knex
 * CLI (knex's built-in loader cannot import TypeScript by itself).
 */
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { Knex } from 'knex';

/** The folder holding the migration files. */
export const MIGRATIONS_DIR = fileURLToPath(
  new URL('../../migrations/', import.meta.url),
);

/** `YYYYMMDDHHMMSS_snake_name.ts`, knex's own naming. */
export const MIGRATION_FILE = /^\d{14}_[a-z0-9_]+\.ts$/;

interface MigrationModule {
  up(knex: Knex): Promise<void>;
  down(knex: Knex): Promise<void>;
}

/** Migration file names, oldest first. */
export function migrationFiles(): string[] {
  return readdirSync(MIGRATIONS_DIR)
    .filter((file) => MIGRATION_FILE.test(file))
    .sort();
}

/** One migration file, shaped like knex's own so its CLI can list it. */
interface MigrationFile {
  file: string;
}

/** A knex migration source over `migrations/`. */
export const migrationSource: Knex.MigrationSource<MigrationFile> = {
  async getMigrations() {
    return migrationFiles().map((file) => ({ file }));
  },
  getMigrationName({ file }) {
    return file;
  },
  async getMigration({ file }): Promise<MigrationModule> {
    const url = pathToFileURL(path.join(MIGRATIONS_DIR, file));
    return (await import(url.href)) as MigrationModule;
  },
};

/** The knex `migrations` settings every caller shares. */
export const MIGRATIONS_CONFIG: Knex.MigratorConfig = {
  migrationSource,
  tableName: 'knex_migrations',
};

/**
 * Names of migrations not yet run, without writing anything: a database
 * with no bookkeeping table has every migration pending.
 */
export async function pendingMigrations(knex: Knex): Promise<string[]> {
  const table = MIGRATIONS_CONFIG.tableName ?? 'knex_migrations';
  if (!(await knex.schema.hasTable(table))) return migrationFiles();
  const rows: { name: string }[] = await knex(table).select('name');
  const done = new Set(rows.map((row) => row.name));
  return migrationFiles().filter((file) => !done.has(file));
}
