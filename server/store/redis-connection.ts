/**
 * Connects to Redis with settings that fail fast: no offline queue, a
 * command timeout, and endless background reconnects, so during an outage
 * callers get an error within about a second and service resumes by
 * itself when Redis is back.
 */
import { Redis } from 'ioredis';
import type { Logger } from 'pino';
import { StoreConnectError } from './store-errors.ts';

/** How long one Redis command may take before it is failed. */
export const COMMAND_TIMEOUT_MS = 1_500;
/** How long opening waits for a first connection. */
export const STARTUP_TIMEOUT_MS = 3_000;

/** Opens a Redis client and waits until it is ready. */
export async function openRedis(
  redisUrl: string,
  logger?: Logger,
): Promise<Redis> {
  const redis = new Redis(redisUrl, {
    lazyConnect: true,
    enableOfflineQueue: false,
    maxRetriesPerRequest: 1,
    commandTimeout: COMMAND_TIMEOUT_MS,
    connectTimeout: 2_000,
    retryStrategy: (attempt) => Math.min(attempt * 200, 1_000),
  });
  watchHealth(redis, logger);
  // connect() rejects with ioredis's own "Connection is closed."; the
  // socket's error (ECONNREFUSED, ENOTFOUND, …) says what went wrong.
  let socketError: unknown;
  const remember = (error: unknown) => (socketError = error);
  redis.on('error', remember);

  try {
    await withTimeout(redis.connect(), STARTUP_TIMEOUT_MS);
  } catch (error) {
    redis.disconnect();
    const where = `Redis at ${redisWhere(redisUrl)}`;
    throw new StoreConnectError(where, socketError ?? error);
  } finally {
    redis.off('error', remember);
  }
  return redis;
}

/** Host and port of a Redis URL, without any password. */
export function redisWhere(redisUrl: string): string {
  try {
    const url = new URL(redisUrl);
    return `${url.hostname}:${url.port || 6379}${url.pathname === '/' ? '' : url.pathname}`;
  } catch {
    return 'the configured REDIS_URL';
  }
}

/** Logs each outage once when it starts and once when it ends. */
function watchHealth(redis: Redis, logger?: Logger): void {
  let isDown = false;
  redis.on('error', (error: Error) => {
    if (isDown) return;
    isDown = true;
    logger?.error({ err: error }, 'redis unavailable');
  });
  redis.on('ready', () => {
    if (!isDown) return;
    isDown = false;
    logger?.info('redis available again');
  });
}

function withTimeout<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new Error(`no answer within ${ms} ms`)),
      ms,
    );
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}
