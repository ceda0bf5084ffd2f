/**
 * Activity scores in one Redis sorted set keyed by display name: ZINCRBY
 * to add, ZREVRANGE for the top list, ZREVRANK for a user's place.
 */
import type { Redis } from 'ioredis';
import { ERRORS } from '../../shared/errors.ts';
import type { RedisKeys } from './redis-keys.ts';
import { unavailable } from './store-errors.ts';
import type { ActivityEntry, ActivityStore } from './types.ts';

/** An ActivityStore over a Redis sorted set. */
export class RedisActivityStore implements ActivityStore {
  constructor(
    private readonly redis: Redis,
    private readonly keys: RedisKeys,
  ) {}

  async add(name: string, points: number): Promise<void> {
    await this.guard(() =>
      this.redis.zincrby(this.keys.activity(), points, name),
    );
  }

  async top(limit: number): Promise<ActivityEntry[]> {
    if (limit <= 0) return [];
    const flat = await this.guard(() =>
      this.redis.zrevrange(this.keys.activity(), 0, limit - 1, 'WITHSCORES'),
    );
    const entries: ActivityEntry[] = [];
    for (let i = 0; i + 1 < flat.length; i += 2) {
      entries.push({ name: flat[i] as string, score: Number(flat[i + 1]) });
    }
    return entries;
  }

  async placeOf(
    name: string,
  ): Promise<{ place: number; score: number } | null> {
    const key = this.keys.activity();
    const [rank, score] = await this.guard(() =>
      Promise.all([
        this.redis.zrevrank(key, name),
        this.redis.zscore(key, name),
      ]),
    );
    if (rank === null || score === null) return null;
    return { place: rank + 1, score: Number(score) };
  }

  private async guard<T>(work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } catch (error) {
      throw unavailable(ERRORS.SCORES_UNAVAILABLE, error, 'SCORES_UNAVAILABLE');
    }
  }
}
