/**
 * Rate limits shared through Redis: two servers count one budget, and a
 * Redis outage falls back to per-process limits at once instead of
 * blocking chat or letting floods through.
 */
import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import { afterAll, describe, expect, it } from 'vitest';
import { ChatError } from '../../shared/errors.ts';
import { DEFAULT_LIMITS } from '../../server/limits/limit-settings.ts';
import { openLimits, type Limits } from '../../server/limits/limits.ts';
import { redisKeys } from '../../server/store/redis-keys.ts';
import { deleteKeys, TEST_REDIS_URL } from '../helpers/backends.ts';
import { privateRedis } from '../helpers/private-services.ts';

const prefix = `termchat-test:${randomBytes(6).toString('hex')}:`;
const opened: Limits[] = [];

afterAll(async () => {
  await Promise.all(opened.map((limits) => limits.close()));
  await deleteKeys(prefix);
});

function limitsOn(redisUrl: string): Limits {
  const limits = openLimits(DEFAULT_LIMITS, {
    redisUrl,
    keyPrefix: redisKeys(prefix).limit,
  });
  opened.push(limits);
  return limits;
}

async function outcome(work: Promise<unknown>): Promise<string> {
  try {
    await work;
    return 'sent';
  } catch (error) {
    return error instanceof ChatError ? error.code : String(error);
  }
}

async function ready(limits: Limits, user: string): Promise<void> {
  // The first call may run before the client connects (memory decides).
  const redis = new Redis(TEST_REDIS_URL);
  try {
    for (let i = 0; i < 50; i++) {
      await outcome(limits.flood.spend(`${user}-probe`));
      if ((await redis.keys(`${prefix}limit:flood:${user}-probe`)).length) {
        return;
      }
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    throw new Error('the limits never reached Redis');
  } finally {
    redis.disconnect();
  }
}

describe('rate limits shared through Redis', () => {
  it('counts one budget across servers, under the configured key prefix', async () => {
    const a = limitsOn(TEST_REDIS_URL);
    const b = limitsOn(TEST_REDIS_URL);
    await ready(a, 'shared');
    await ready(b, 'shared');

    const results: string[] = [];
    for (let i = 0; i < 3; i++)
      results.push(await outcome(a.flood.spend('alice')));
    for (let i = 0; i < 3; i++)
      results.push(await outcome(b.flood.spend('alice')));

    expect(results).toEqual([
      'sent',
      'sent',
      'sent',
      'sent',
      'sent',
      'RATE_LIMITED',
    ]);
    const redis = new Redis(TEST_REDIS_URL);
    const keys = await redis.keys(`${prefix}limit:*alice`);
    redis.disconnect();
    expect(keys.sort()).toEqual([
      `${prefix}limit:flood-burst:alice`,
      `${prefix}limit:flood:alice`,
    ]);
  });

  it('falls back to memory at once while Redis is down, and still limits', async () => {
    const redis = await privateRedis();
    try {
      const limits = limitsOn(redis.url);
      await new Promise((resolve) => setTimeout(resolve, 300));
      await redis.stop();

      const started = Date.now();
      const results: string[] = [];
      for (let i = 0; i < 7; i++) {
        results.push(await outcome(limits.flood.spend('bob')));
      }
      expect(Date.now() - started).toBeLessThan(1000);
      expect(results).toEqual([
        ...Array(5).fill('sent'),
        'RATE_LIMITED',
        'RATE_LIMITED',
      ]);
      expect(
        await outcome(
          limits.throttle.login('10.0.0.1', 'bob', async () => 'ok'),
        ),
      ).toBe('sent');
    } finally {
      await redis.destroy();
    }
  });
});
