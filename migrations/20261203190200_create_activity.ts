/**
 * Activity scores for the SQL backend (Redis keeps them in a sorted set).
 * Names compare byte for byte so ties order the same way as in Redis.
 */
import type { Knex } from 'knex';

/** Creates the activity table. */
export async function up(knex: Knex): Promise<void> {
  const isMysql = knex.client.config.client === 'mysql2';
  await knex.schema.createTable('activity', (table) => {
    if (isMysql) {
      table.charset('utf8mb4');
      table.collate('utf8mb4_bin');
    }
    table.string('name', 128).notNullable().primary();
    table.bigInteger('score').notNullable().defaultTo(0);
    table.index(['score', 'name'], 'activity_score_name');
  });
}

/** Drops the activity table. */
export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('activity');
}
