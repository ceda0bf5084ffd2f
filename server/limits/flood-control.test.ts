import { afterEach, describe, expect, it, vi } from 'vitest';
import { ChatError } from '../../shared/errors.ts';
import { FloodControl } from './flood-control.ts';
import { MEMORY_BACKEND } from './rate-limiter.ts';

async function sendMany(flood: FloodControl, user: string, count: number) {
  const outcomes: string[] = [];
  for (let i = 0; i < count; i++) {
    try {
      await flood.spend(user);
      outcomes.push('sent');
    } catch (error) {
      outcomes.push((error as ChatError).code);
    }
  }
  return outcomes;
}

describe('FloodControl', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('lets a burst of five through, then refuses with RATE_LIMITED', async () => {
    const flood = new FloodControl(
      { floodBurst: 5, floodPerSecond: 2 },
      MEMORY_BACKEND,
    );

    expect(await sendMany(flood, 'alice', 7)).toEqual([
      'sent',
      'sent',
      'sent',
      'sent',
      'sent',
      'RATE_LIMITED',
      'RATE_LIMITED',
    ]);
  });

  it('counts each user on their own', async () => {
    const flood = new FloodControl(
      { floodBurst: 2, floodPerSecond: 1 },
      MEMORY_BACKEND,
    );
    await sendMany(flood, 'alice', 3);

    expect(await sendMany(flood, 'bob', 2)).toEqual(['sent', 'sent']);
  });

  it('lets the steady rate through again a second later', async () => {
    vi.useFakeTimers({ toFake: ['Date', 'setTimeout', 'clearTimeout'] });
    const flood = new FloodControl(
      { floodBurst: 5, floodPerSecond: 2 },
      MEMORY_BACKEND,
    );
    await sendMany(flood, 'alice', 6);

    vi.advanceTimersByTime(1100);

    expect(await sendMany(flood, 'alice', 3)).toEqual([
      'sent',
      'sent',
      'RATE_LIMITED',
    ]);
  });

  it('refills the whole burst after a pause', async () => {
    vi.useFakeTimers({ toFake: ['Date', 'setTimeout', 'clearTimeout'] });
    const flood = new FloodControl(
      { floodBurst: 5, floodPerSecond: 2 },
      MEMORY_BACKEND,
    );
    await sendMany(flood, 'alice', 6);

    vi.advanceTimersByTime(3100);

    expect(await sendMany(flood, 'alice', 6)).toEqual([
      ...Array(5).fill('sent'),
      'RATE_LIMITED',
    ]);
  });

  it('never refuses when turned off with 0', async () => {
    const flood = new FloodControl(
      { floodBurst: 0, floodPerSecond: 2 },
      MEMORY_BACKEND,
    );

    expect(await sendMany(flood, 'alice', 50)).not.toContain('RATE_LIMITED');
  });
});
