/**
 * Login and registration throttles. Failed logins are counted per
 * account and address pair (against one host guessing one name's
 * password, without letting it lock the owner out from elsewhere), per
 * address (against one host trying many names) and per account across
 * all addresses, with a much higher ceiling (against guessing spread over
 * many hosts); registrations per address. Attempts spend a point before
 * the work starts, so attempts racing on many connections cannot slip
 * past the limit; points of attempts that were not the client's fault (a
 * store outage) are given back. Successful logins have a budget of their
 * own per account, a burst and then a steady rate, against a client that
 * logs in and out in a loop (each login is a join, a leave and points);
 * only a right password spends it, so no stranger can use it up.
 */
import { createHash } from 'node:crypto';
import type {
  BurstyRateLimiter,
  RateLimiterAbstract,
} from 'rate-limiter-flexible';
import { ChatError, type ErrorCode } from '../../shared/errors.ts';
import { canonicalName } from '../../shared/names.ts';
import type { LimitSettings } from './limit-settings.ts';
import {
  createBurstyLimiter,
  createLimiter,
  forget,
  refund,
  spend,
  type LimiterBackend,
} from './rate-limiter.ts';

/** Failures that do not count against the client: the server's own. */
const NOT_THE_CLIENTS_FAULT = new Set<ErrorCode>([
  'STORE_UNAVAILABLE',
  'INTERNAL',
  'SERVER_SHUTDOWN',
]);

/** Refusals of a registration because the name has an account. */
const TAKEN = new Set<ErrorCode>(['NAME_TAKEN', 'NAME_CONFUSABLE']);

/** The codes a throttle refuses with, each with its sentence. */
const REFUSALS = {
  LOGIN_THROTTLED: (wait: string) =>
    `Too many attempts; wait ${wait} and try again.`,
  LOGIN_TOO_OFTEN: (wait: string) =>
    `This account has logged in too often just now; wait ${wait} and log in again.`,
  REGISTER_THROTTLED: (wait: string) =>
    `Too many registration attempts from your address; wait ${wait} and try again.`,
} satisfies Partial<Record<ErrorCode, (wait: string) => string>>;

type RefusalCode = keyof typeof REFUSALS;

type ThrottleSettings = Pick<
  LimitSettings,
  | 'loginFailsPerAccount'
  | 'loginFailsPerAccountTotal'
  | 'loginFailsPerIp'
  | 'loginWindowS'
  | 'loginBurst'
  | 'loginRefillS'
  | 'registerPerIp'
  | 'registerWindowS'
>;

/** Throttles logins and registrations; see the module comment. */
export class LoginThrottle {
  private readonly perPair: RateLimiterAbstract | null;
  private readonly perAccount: RateLimiterAbstract | null;
  private readonly perIp: RateLimiterAbstract | null;
  private readonly registrations: RateLimiterAbstract | null;
  private readonly successes: BurstyRateLimiter | null;

  constructor(settings: ThrottleSettings, backend: LimiterBackend) {
    const window = settings.loginWindowS;
    this.perPair = limiter(
      backend,
      'login-pair',
      settings.loginFailsPerAccount,
      window,
    );
    this.perAccount = limiter(
      backend,
      'login-account',
      settings.loginFailsPerAccountTotal,
      window,
    );
    this.perIp = limiter(backend, 'login-ip', settings.loginFailsPerIp, window);
    this.registrations = limiter(
      backend,
      'register-ip',
      settings.registerPerIp,
      settings.registerWindowS,
    );
    const { loginBurst: burst, loginRefillS: refill } = settings;
    this.successes =
      burst === 0 || refill === 0
        ? null
        : createBurstyLimiter(backend, {
            kind: 'login-success',
            burst,
            points: 1,
            duration: refill,
          });
  }

  /**
   * Runs `authenticate` unless the address, the account from this
   * address, or the account as a whole is out of attempts (then rejects
   * with ChatError LOGIN_THROTTLED). A success clears the pair's failures
   * and refunds the points of this attempt, then spends one of the
   * account's successful logins: past that budget it rejects with
   * LOGIN_TOO_OFTEN, and the caller must neither sign in nor score.
   */
  async login<T>(
    address: string,
    name: string,
    authenticate: () => Promise<T>,
  ): Promise<T> {
    const account = accountKey(name);
    // An address key has no space, so the pair key cannot be ambiguous.
    const pair = `${address} ${account}`;
    const spent = await this.takeAll(
      [
        [this.perIp, address],
        [this.perPair, pair],
        [this.perAccount, account],
      ],
      'LOGIN_THROTTLED',
    );

    let result: T;
    try {
      result = await authenticate();
    } catch (error) {
      if (isServerFault(error)) await refundAll(spent);
      throw error;
    }
    if (this.perPair) await forget(this.perPair, pair);
    await refundAll(spent.filter(([target]) => target !== this.perPair));

    // Only after the password is right: a wrong one must not spend the
    // owner's logins, and a refusal here is no failed attempt.
    await this.take(this.successes, account, 'LOGIN_TOO_OFTEN');
    return result;
  }

  /**
   * Runs `register` unless the address has used up its registrations or
   * its failed attempts (then rejects with ChatError REGISTER_THROTTLED).
   * A new account costs a registration. A taken name costs none: it is
   * a failed attempt of the address instead, like a login to a name with
   * no account, so trying a few names locks no one out for the
   * registration window, yet no address can test names without limit.
   * Attempts the server failed cost nothing.
   */
  async register<T>(address: string, register: () => Promise<T>): Promise<T> {
    const spent = await this.takeAll(
      [
        [this.perIp, address],
        [this.registrations, address],
      ],
      'REGISTER_THROTTLED',
    );

    // Every point spent is given back but the one the outcome costs.
    let charged = this.registrations;
    try {
      return await register();
    } catch (error) {
      charged = this.chargeFor(error);
      throw error;
    } finally {
      await refundAll(spent.filter(([target]) => target !== charged));
    }
  }

  /**
   * Spends a point of each budget in turn; when one refuses (with
   * `code`), the points already spent are given back. Returns the spent.
   */
  private async takeAll(
    budgets: Array<[RateLimiterAbstract | null, string]>,
    code: RefusalCode,
  ): Promise<Array<[RateLimiterAbstract, string]>> {
    const spent: Array<[RateLimiterAbstract, string]> = [];
    try {
      for (const [target, key] of budgets) {
        await this.take(target, key, code);
        if (target) spent.push([target, key]);
      }
    } catch (error) {
      await refundAll(spent);
      throw error;
    }
    return spent;
  }

  /** The budget a refused registration costs a point of, if any. */
  private chargeFor(error: unknown): RateLimiterAbstract | null {
    if (isServerFault(error)) return null;
    if (error instanceof ChatError && TAKEN.has(error.code)) return this.perIp;
    return this.registrations;
  }

  /** Spends a point of `key`, or rejects with `code` and the wait. */
  private async take(
    target: Pick<RateLimiterAbstract, 'consume'> | null,
    key: string,
    code: RefusalCode = 'LOGIN_THROTTLED',
  ): Promise<void> {
    if (!target) return;
    const waitMs = await spend(target, key);
    if (waitMs === null) return;
    const seconds = Math.max(Math.ceil(waitMs / 1000), 1);
    throw new ChatError(code, REFUSALS[code](formatWait(seconds)));
  }
}

async function refundAll(
  spent: ReadonlyArray<[RateLimiterAbstract, string]>,
): Promise<void> {
  for (const [target, key] of spent) await refund(target, key);
}

function limiter(
  backend: LimiterBackend,
  kind: string,
  points: number,
  duration: number,
): RateLimiterAbstract | null {
  if (points === 0 || duration === 0) return null;
  return createLimiter(backend, { kind, points, duration });
}

/**
 * The key a login name is counted under: its canonical form, so "Alice"
 * and "ALICE" share one budget. Overlong input is hashed to keep keys
 * small whatever a client sends.
 */
export function accountKey(name: string): string {
  const canonical = canonicalName(name);
  if (canonical.length <= 64) return canonical;
  return `#${createHash('sha256').update(canonical).digest('hex')}`;
}

function isServerFault(error: unknown): boolean {
  return error instanceof ChatError
    ? NOT_THE_CLIENTS_FAULT.has(error.code)
    : true;
}

/** "45 s", "3 min" or "2 h", for a refusal a person reads. */
export function formatWait(seconds: number): string {
  if (seconds < 120) return `${seconds} s`;
  if (seconds < 7200) return `${Math.ceil(seconds / 60)} min`;
  return `${Math.ceil(seconds / 3600)} h`;
}
