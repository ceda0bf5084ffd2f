/**
 * Accounts. `canonical` (NFKC, case-folded) is what makes a name unique;
 * on MySQL it is compared byte for byte so the index decides exactly on
 * the canonical form, never on a collation's idea of equal.
 */
import type { Knex } from 'knex';

/** Creates the users table. */
export async function up(knex: Knex): Promise<void> {
  const isMysql = knex.client.config.client === 'mysql2';
  await knex.schema.createTable('users', (table) => {
    if (isMysql) {
      table.charset('utf8mb4');
      table.collate('utf8mb4_unicode_ci');
    }
    table.increments('id').primary();
    table.string('name', 128).notNullable();
    const canonical = table.string('canonical', 128).notNullable();
    if (isMysql) canonical.collate('utf8mb4_bin');
    table.string('password_hash', 255).notNullable();
    table.bigInteger('created_at').notNullable();
    table.unique(['canonical'], { indexName: 'users_canonical_unique' });
  });
}

/** Drops the users table. */
export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('users');
}
