import { describe, expect, it } from 'vitest';
import { setDeadline } from './deadline.ts';

/** Resolves after the immediates queued so far have run. */
const settle = () => new Promise((resolve) => setTimeout(resolve, 30));

describe('setDeadline', () => {
  it('expires when nothing moved by the turn after the deadline', async () => {
    const calls: string[] = [];
    setDeadline(5, () => 0, {
      expired: () => calls.push('expired'),
      spared: () => calls.push('spared'),
    });
    await settle();
    expect(calls).toEqual(['expired']);
  });

  it('spares the deadline when progress moves after the timers have run', async () => {
    const calls: string[] = [];
    let progress = 0;
    setDeadline(5, () => progress, {
      expired: () => calls.push('expired'),
      spared: () => calls.push('spared'),
    });
    // Due in the same timers phase, after the deadline's own timer, as a
    // read of waiting socket data would come after it.
    setTimeout(() => (progress += 1), 5);
    await settle();
    expect(calls).toEqual(['spared']);
  });

  it('can be refreshed and cleared like any timer', async () => {
    const calls: string[] = [];
    const timer = setDeadline(20, () => 0, {
      expired: () => calls.push('expired'),
    });
    timer.refresh();
    clearTimeout(timer);
    await settle();
    expect(calls).toEqual([]);
  });
});
