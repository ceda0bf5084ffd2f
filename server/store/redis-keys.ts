/**
 * The one place that names Redis keys. Every key starts with the
 * configured prefix, so several servers (or test runs) can share a Redis.
 *
 * Note: keys of one append are touched by a single Lua script; on a Redis
 * Cluster they would need a shared hash tag. We run one Redis.
 */

/** Every key name the Redis stores use, under one prefix. */
export interface RedisKeys {
  /** The stream of a room's messages. */
  roomHistory(room?: string): string;
  /** The stream of private messages a user sent or received. */
  userHistory(canonical: string): string;
  /** The counter that orders entries across all history streams. */
  historySequence(): string;
  /** The sorted set of activity scores by display name. */
  activity(): string;
  /** The prefix of one kind of rate limit's counters (server/limits). */
  limit(kind: string): string;
  /** A SCAN MATCH pattern for every key under the prefix. */
  everything(): string;
}

/** The only room today; streams are per room so more can follow. */
export const MAIN_ROOM = 'main';

/** Builds the key names for one prefix, e.g. `termchat:`. */
export function redisKeys(prefix: string): RedisKeys {
  return {
    roomHistory: (room = MAIN_ROOM) => `${prefix}history:room:${room}`,
    userHistory: (canonical) => `${prefix}history:user:${canonical}`,
    historySequence: () => `${prefix}history:seq`,
    activity: () => `${prefix}activity`,
    limit: (kind) => `${prefix}limit:${kind}`,
    everything: () => `${prefix.replace(/[*?[\]\\]/g, '\\$&')}*`,
  };
}
