import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createRankRefresh, type RankRefresh } from './rank-refresh.ts';

let sent: number;
let isOnline: boolean;
let refresh: RankRefresh;

beforeEach(() => {
  vi.useFakeTimers();
  sent = 0;
  isOnline = true;
  refresh = createRankRefresh(
    () => {
      if (isOnline) sent += 1;
      return isOnline;
    },
    { throttleMs: 1000, replyTimeoutMs: 5000 },
  );
});
afterEach(() => {
  refresh.stop();
  vi.useRealTimers();
});

describe('createRankRefresh', () => {
  it('asks once, a throttle interval after the first activity', () => {
    refresh.activity();
    vi.advanceTimersByTime(999);
    expect(sent).toBe(0);
    vi.advanceTimersByTime(1);
    expect(sent).toBe(1);
  });

  it('asks about once a second in a busy room, not once per message', () => {
    for (let ms = 0; ms < 5000; ms += 50) {
      refresh.activity();
      vi.advanceTimersByTime(50);
      if (sent > 0) refresh.replied();
    }
    expect(sent).toBeGreaterThanOrEqual(4);
    expect(sent).toBeLessThanOrEqual(5);
  });

  it('keeps asking while activity lasts, instead of waiting for a pause', () => {
    for (let ms = 0; ms < 2500; ms += 100) {
      refresh.activity();
      vi.advanceTimersByTime(100);
      refresh.replied();
    }
    expect(sent).toBe(2);
  });

  it('never has two requests unanswered, and asks again after the reply', () => {
    refresh.activity();
    vi.advanceTimersByTime(1000);
    refresh.activity();
    vi.advanceTimersByTime(3000);
    expect(sent).toBe(1);
    refresh.replied();
    vi.advanceTimersByTime(1000);
    expect(sent).toBe(2);
  });

  it('does not ask after a reply when nothing happened meanwhile', () => {
    refresh.activity();
    vi.advanceTimersByTime(1000);
    refresh.replied();
    vi.advanceTimersByTime(10_000);
    expect(sent).toBe(1);
  });

  it('asks again when a reply never comes', () => {
    refresh.now();
    refresh.activity();
    vi.advanceTimersByTime(5000);
    expect(sent).toBe(1);
    vi.advanceTimersByTime(1000);
    expect(sent).toBe(2);
  });

  it('asks right away on now, unless a request is unanswered', () => {
    refresh.now();
    expect(sent).toBe(1);
    refresh.now();
    expect(sent).toBe(1);
    refresh.replied();
    vi.advanceTimersByTime(1000);
    expect(sent).toBe(2);
  });

  it('forgets the unanswered request when the link is reset', () => {
    refresh.now();
    refresh.reset();
    refresh.now();
    expect(sent).toBe(2);
  });

  it('does not wait for a reply to a request that could not be sent', () => {
    isOnline = false;
    refresh.now();
    isOnline = true;
    refresh.activity();
    vi.advanceTimersByTime(1000);
    expect(sent).toBe(1);
  });

  it('asks nothing after stop', () => {
    refresh.activity();
    refresh.stop();
    vi.advanceTimersByTime(10_000);
    expect(sent).toBe(0);
  });
});
