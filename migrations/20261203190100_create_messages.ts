/**
 * Chat history for the SQL backend (Redis keeps it in streams instead).
 * A room message has an empty receiver; the two indexes serve the three
 * look-ups of `recentFor`: the room, what a user sent, what they received.
 */
import type { Knex } from 'knex';

/** Creates the messages table. */
export async function up(knex: Knex): Promise<void> {
  const isMysql = knex.client.config.client === 'mysql2';
  await knex.schema.createTable('messages', (table) => {
    if (isMysql) {
      table.charset('utf8mb4');
      table.collate('utf8mb4_unicode_ci');
    }
    table.bigIncrements('id').primary();
    table.bigInteger('time').notNullable();
    table.string('sender', 128).notNullable();
    const sender = table.string('sender_canonical', 128).notNullable();
    table.string('receiver', 128).notNullable().defaultTo('');
    const receiver = table
      .string('receiver_canonical', 128)
      .notNullable()
      .defaultTo('');
    if (isMysql) {
      sender.collate('utf8mb4_bin');
      receiver.collate('utf8mb4_bin');
    }
    table.text('text').notNullable();
    table.boolean('action').notNullable().defaultTo(false);
    table.index(['receiver_canonical', 'id'], 'messages_receiver_id');
    table.index(['sender_canonical', 'id'], 'messages_sender_id');
  });
}

/** Drops the messages table. */
export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('messages');
}
