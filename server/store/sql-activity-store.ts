/**
 * Activity scores in the SQL `activity` table, for servers without
 * Redis. Ties order by name, highest bytes first, exactly like a Redis
 * sorted set read with ZREVRANGE, so both backends rank alike.
 */
import type { Knex } from 'knex';
import { ERRORS } from '../../shared/errors.ts';
import { guardSql } from './sql-guard.ts';
import type { ActivityEntry, ActivityStore } from './types.ts';

interface ActivityRow {
  name: string;
  score: number | string;
}

/** An ActivityStore over the `activity` table. */
export class SqlActivityStore implements ActivityStore {
  constructor(private readonly knex: Knex) {}

  async add(name: string, points: number): Promise<void> {
    await this.guard(() =>
      this.knex('activity')
        .insert({ name, score: points })
        .onConflict('name')
        .merge({ score: this.knex.raw('score + ?', [points]) }),
    );
  }

  async top(limit: number): Promise<ActivityEntry[]> {
    if (limit <= 0) return [];
    const rows = await this.guard(() =>
      this.knex<ActivityRow>('activity')
        .select('name', 'score')
        .orderBy([
          { column: 'score', order: 'desc' },
          { column: 'name', order: 'desc' },
        ])
        .limit(limit),
    );
    return rows.map((row) => ({ name: row.name, score: Number(row.score) }));
  }

  async placeOf(
    name: string,
  ): Promise<{ place: number; score: number } | null> {
    return this.guard(async () => {
      const row = await this.knex<ActivityRow>('activity')
        .select('score')
        .where({ name })
        .first();
      if (!row) return null;
      const score = Number(row.score);
      const ahead = await this.knex('activity')
        .count({ count: '*' })
        .where('score', '>', score)
        .orWhere((tie) => tie.where('score', score).where('name', '>', name))
        .first();
      return { place: Number(ahead?.count ?? 0) + 1, score };
    });
  }

  private guard<T>(work: () => Promise<T>): Promise<T> {
    return guardSql(ERRORS.SCORES_UNAVAILABLE, work, 'SCORES_UNAVAILABLE');
  }
}
