/**
 * Accounts get `skeleton`: what the name looks like (shared/names.ts),
 * unique, so that `аӏісе` in Cyrillic cannot join while `alice` exists.
 * Existing rows are filled here, oldest first; a row whose skeleton an
 * older row already has keeps its account with a NULL skeleton (both
 * backends let NULLs repeat under a unique index), and the older one
 * holds the look. Note: the skeleton is computed by today's
 * shared/name-skeleton.ts; a later change to it needs a migration that
 * computes the column again.
 */
import type { Knex } from 'knex';
import { nameSkeleton } from '../shared/names.ts';

const BATCH = 500;

/** Adds, fills and indexes users.skeleton. */
export async function up(knex: Knex): Promise<void> {
  const isMysql = knex.client.config.client === 'mysql2';
  await knex.schema.alterTable('users', (table) => {
    const skeleton = table.string('skeleton', 255).nullable();
    if (isMysql) skeleton.collate('utf8mb4_bin');
  });

  const taken = new Set<string>();
  let lastId = 0;
  for (;;) {
    const rows: Array<{ id: number; name: string }> = await knex('users')
      .select('id', 'name')
      .where('id', '>', lastId)
      .orderBy('id')
      .limit(BATCH);
    if (rows.length === 0) break;
    for (const row of rows) {
      const skeleton = nameSkeleton(row.name);
      if (taken.has(skeleton)) continue;
      taken.add(skeleton);
      await knex('users').where({ id: row.id }).update({ skeleton });
    }
    lastId = Number(rows[rows.length - 1]!.id);
  }

  await knex.schema.alterTable('users', (table) => {
    table.unique(['skeleton'], { indexName: 'users_skeleton_unique' });
  });
}

/** Drops users.skeleton and its index. */
export async function down(knex: Knex): Promise<void> {
  await knex.schema.alterTable('users', (table) => {
    table.dropUnique(['skeleton'], 'users_skeleton_unique');
  });
  await knex.schema.alterTable('users', (table) => {
    table.dropColumn('skeleton');
  });
}
