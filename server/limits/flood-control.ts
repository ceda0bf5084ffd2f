/**
 * Flood control: each user may send a burst of messages, then a steady
 * few per second. Counted per user (canonical name), not per connection,
 * so reconnecting or a second session does not reset it.
 */
import type { BurstyRateLimiter } from 'rate-limiter-flexible';
import { ChatError } from '../../shared/errors.ts';
import type { LimitSettings } from './limit-settings.ts';
import {
  createBurstyLimiter,
  spend,
  type LimiterBackend,
} from './rate-limiter.ts';

/** The per-user message budget; see the module comment. */
export class FloodControl {
  private readonly limiter: BurstyRateLimiter | null;

  constructor(
    settings: Pick<LimitSettings, 'floodBurst' | 'floodPerSecond'>,
    backend: LimiterBackend,
  ) {
    const { floodBurst: burst, floodPerSecond: perSecond } = settings;
    if (burst === 0 || perSecond === 0) {
      this.limiter = null;
      return;
    }
    this.limiter = createBurstyLimiter(backend, {
      kind: 'flood',
      burst,
      points: perSecond,
      duration: 1,
    });
  }

  /**
   * Spends one message of a user's budget, or rejects with ChatError
   * RATE_LIMITED. Call it after a message passed validation, so empty
   * or refused messages cost nothing.
   */
  async spend(canonical: string): Promise<void> {
    if (!this.limiter) return;
    const waitMs = await spend(this.limiter, canonical);
    if (waitMs !== null) throw new ChatError('RATE_LIMITED');
  }
}
