/**
 * Opens every abuse limit of a server at once: flood control, the login
 * and registration throttles and the connection caps. With a Redis URL
 * the rate counts are shared through Redis (on a client of their own
 * that fails fast), else kept in memory.
 */
import { Redis } from 'ioredis';
import type { Logger } from 'pino';
import { ConnectionCaps } from './connection-caps.ts';
import { FloodControl } from './flood-control.ts';
import type { LimitSettings } from './limit-settings.ts';
import { LoginThrottle } from './login-throttle.ts';
import { MEMORY_BACKEND, type LimiterBackend } from './rate-limiter.ts';

export { addressKey } from './client-address.ts';
export { DEFAULT_LIMITS, type LimitSettings } from './limit-settings.ts';
export type { Admission, AdmitResult } from './connection-caps.ts';

/** Where shared counts go: a Redis URL and the key prefix per kind. */
export interface SharedLimitStore {
  redisUrl: string;
  /** Builds the key prefix of one kind of limit (see redis-keys.ts). */
  keyPrefix(kind: string): string;
}

/** The limits of one server. */
export interface Limits {
  flood: FloodControl;
  throttle: LoginThrottle;
  connections: ConnectionCaps;
  close(): Promise<void>;
}

/** How long one Redis limit check may take before memory decides. */
const LIMIT_COMMAND_TIMEOUT_MS = 500;

/**
 * Builds the limits. Never waits for Redis: until it is reachable, and
 * whenever it is not, the in-memory insurance limiters decide.
 */
export function openLimits(
  settings: LimitSettings,
  shared?: SharedLimitStore,
  logger?: Logger,
): Limits {
  const redis = shared ? connect(shared.redisUrl, logger) : undefined;
  const backend: LimiterBackend =
    shared && redis ? { redis, keyPrefix: shared.keyPrefix } : MEMORY_BACKEND;

  return {
    flood: new FloodControl(settings, backend),
    throttle: new LoginThrottle(settings, backend),
    connections: new ConnectionCaps(settings),
    async close() {
      redis?.disconnect();
    },
  };
}

function connect(redisUrl: string, logger?: Logger): Redis {
  const redis = new Redis(redisUrl, {
    enableOfflineQueue: false,
    maxRetriesPerRequest: 1,
    commandTimeout: LIMIT_COMMAND_TIMEOUT_MS,
    connectTimeout: 2_000,
    retryStrategy: (attempt) => Math.min(attempt * 200, 1_000),
  });
  let isDown = false;
  redis.on('error', (error: Error) => {
    if (isDown) return;
    isDown = true;
    logger?.warn(
      { err: error },
      'limits fall back to memory: redis unavailable',
    );
  });
  redis.on('ready', () => {
    if (!isDown) return;
    isDown = false;
    logger?.info('limits shared through redis again');
  });
  return redis;
}
