/**
 * Builds the rate limiters behind flood control and the throttles: in
 * memory for one server, in Redis when one is given so several servers
 * share the counts. A Redis limiter carries an in-memory insurance
 * limiter, so a Redis outage degrades to per-process limits instead of
 * refusing (or letting through) everyone.
 */
import type { Redis } from 'ioredis';
import {
  BurstyRateLimiter,
  RateLimiterMemory,
  RateLimiterRedis,
  RateLimiterRes,
  type RateLimiterAbstract,
} from 'rate-limiter-flexible';

/** Where limiters keep their counts. */
export interface LimiterBackend {
  /** A Redis client; absent means memory. */
  redis?: Redis;
  /** Builds the Redis key prefix of one kind of limit. */
  keyPrefix(kind: string): string;
}

/** The in-memory backend a lone server uses. */
export const MEMORY_BACKEND: LimiterBackend = {
  keyPrefix: (kind) => `limit:${kind}`,
};

/** Options of one limiter: `points` per `duration` seconds. */
export interface LimiterOptions {
  kind: string;
  points: number;
  duration: number;
}

/** Creates one limiter on the backend. */
export function createLimiter(
  backend: LimiterBackend,
  { kind, points, duration }: LimiterOptions,
): RateLimiterAbstract {
  const keyPrefix = backend.keyPrefix(kind);
  const memory = new RateLimiterMemory({ keyPrefix, points, duration });
  if (!backend.redis) return memory;
  return new RateLimiterRedis({
    storeClient: backend.redis,
    keyPrefix,
    points,
    duration,
    // Fail over to memory at once while Redis is down, not after a timeout.
    rejectIfRedisNotReady: true,
    insuranceLimiter: memory,
  });
}

/** Options of a bursty limiter: `burst` at once, then `points` per `duration`. */
export interface BurstyLimiterOptions extends LimiterOptions {
  burst: number;
}

/**
 * Creates a limiter that allows `burst` at once, then `points` per
 * `duration` seconds.
 * Note: a steady window plus an extra pool of `burst − points` that
 * refills in the time the steady rate would need for a whole burst: close
 * to a token bucket (over a long stretch the pool adds up to as much
 * again), with the counts in Redis when servers share one.
 */
export function createBurstyLimiter(
  backend: LimiterBackend,
  { kind, burst, points, duration }: BurstyLimiterOptions,
): BurstyRateLimiter {
  const steady = createLimiter(backend, { kind, points, duration });
  const extra = createLimiter(backend, {
    kind: `${kind}-burst`,
    points: Math.max(burst - points, 0),
    duration: Math.max(Math.ceil(burst / points), 1) * duration,
  });
  return new BurstyRateLimiter(steady, extra);
}

/**
 * Spends points of a key. Resolves to null when allowed, or to the
 * milliseconds until points come back when the budget is spent.
 * Note: a limiter that fails outright (both Redis and its insurance)
 * allows the request: limits must never take the chat down.
 */
export async function spend(
  limiter: Pick<RateLimiterAbstract, 'consume'>,
  key: string,
  points = 1,
): Promise<number | null> {
  try {
    await limiter.consume(key, points);
    return null;
  } catch (rejection) {
    if (rejection instanceof RateLimiterRes) {
      return Math.max(rejection.msBeforeNext, 0);
    }
    return null;
  }
}

/** Gives points back to a key, ignoring store failures. */
export async function refund(
  limiter: RateLimiterAbstract,
  key: string,
  points = 1,
): Promise<void> {
  try {
    await limiter.reward(key, points);
  } catch {
    // A refund that cannot be stored only makes the limit stricter.
  }
}

/** Forgets a key, ignoring store failures. */
export async function forget(
  limiter: RateLimiterAbstract,
  key: string,
): Promise<void> {
  try {
    await limiter.delete(key);
  } catch {
    // The count expires with its window anyway.
  }
}
