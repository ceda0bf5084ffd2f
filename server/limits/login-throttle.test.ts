import { afterEach, describe, expect, it, vi } from 'vitest';
import { ChatError } from '../../shared/errors.ts';
import { accountKey, formatWait, LoginThrottle } from './login-throttle.ts';
import { MEMORY_BACKEND } from './rate-limiter.ts';

const SETTINGS = {
  loginFailsPerAccount: 3,
  loginFailsPerAccountTotal: 6,
  loginFailsPerIp: 5,
  loginWindowS: 60,
  loginBurst: 0,
  loginRefillS: 0,
  registerPerIp: 2,
  registerWindowS: 60,
};

/** Only the successful-login budget: burst 3, then one per 10 s. */
const SUCCESSES = {
  ...SETTINGS,
  loginFailsPerAccount: 0,
  loginFailsPerAccountTotal: 0,
  loginFailsPerIp: 0,
  loginBurst: 3,
  loginRefillS: 10,
};

const rightPassword = async (): Promise<string> => 'user';

const wrongPassword = async (): Promise<string> => {
  throw new ChatError('WRONG_PASSWORD');
};

async function outcome(attempt: Promise<unknown>): Promise<string> {
  try {
    await attempt;
    return 'OK';
  } catch (error) {
    return error instanceof ChatError ? error.code : String(error);
  }
}

describe('LoginThrottle.login', () => {
  it('throttles an account from one address, not the owner elsewhere', async () => {
    const throttle = new LoginThrottle(SETTINGS, MEMORY_BACKEND);
    const results = [];
    for (let i = 0; i < 4; i++) {
      results.push(
        await outcome(throttle.login('10.0.0.1', 'alice', wrongPassword)),
      );
    }

    expect(results).toEqual([
      'WRONG_PASSWORD',
      'WRONG_PASSWORD',
      'WRONG_PASSWORD',
      'LOGIN_THROTTLED',
    ]);
    expect(
      await outcome(throttle.login('10.0.0.2', 'alice', async () => 'user')),
    ).toBe('OK');
  });

  it('throttles an account everywhere past the total across addresses', async () => {
    const throttle = new LoginThrottle(SETTINGS, MEMORY_BACKEND);
    const results = [];
    for (let i = 0; i < 7; i++) {
      results.push(
        await outcome(throttle.login(`10.0.1.${i}`, 'alice', wrongPassword)),
      );
    }

    expect(results.filter((r) => r === 'WRONG_PASSWORD')).toHaveLength(6);
    expect(results[6]).toBe('LOGIN_THROTTLED');
    expect(
      await outcome(throttle.login('10.0.2.1', 'alice', async () => 'user')),
    ).toBe('LOGIN_THROTTLED');
    expect(
      await outcome(throttle.login('10.0.2.1', 'bob', async () => 'user')),
    ).toBe('OK');
  });

  it('gives the points back when a later budget refuses the attempt', async () => {
    const throttle = new LoginThrottle(
      { ...SETTINGS, loginFailsPerIp: 4 },
      MEMORY_BACKEND,
    );
    for (let i = 0; i < 3; i++) {
      await outcome(throttle.login('10.0.0.1', 'alice', wrongPassword));
    }
    for (let i = 0; i < 5; i++) {
      expect(
        await outcome(throttle.login('10.0.0.1', 'alice', wrongPassword)),
      ).toBe('LOGIN_THROTTLED');
    }

    expect(
      await outcome(throttle.login('10.0.0.1', 'bob', async () => 'user')),
    ).toBe('OK');
  });

  it('says how long to wait when throttled', async () => {
    const throttle = new LoginThrottle(SETTINGS, MEMORY_BACKEND);
    for (let i = 0; i < 3; i++) {
      await outcome(throttle.login('10.0.0.1', 'alice', wrongPassword));
    }

    await expect(
      throttle.login('10.0.0.1', 'alice', async () => 'user'),
    ).rejects.toThrow(/^Too many attempts; wait \d+ s and try again\.$/);
  });

  it('counts every spelling of a name as one account', async () => {
    const throttle = new LoginThrottle(SETTINGS, MEMORY_BACKEND);
    for (const name of ['Alice', 'ALICE', 'Ａｌｉｃｅ']) {
      await outcome(throttle.login('10.0.0.1', name, wrongPassword));
    }

    expect(
      await outcome(throttle.login('10.0.0.1', 'alice', async () => 'user')),
    ).toBe('LOGIN_THROTTLED');
  });

  it('throttles an address trying many names', async () => {
    const throttle = new LoginThrottle(SETTINGS, MEMORY_BACKEND);
    for (let i = 0; i < 5; i++) {
      await outcome(throttle.login('10.0.0.1', `user${i}`, wrongPassword));
    }

    expect(
      await outcome(throttle.login('10.0.0.1', 'fresh', async () => 'user')),
    ).toBe('LOGIN_THROTTLED');
    expect(
      await outcome(throttle.login('10.0.0.2', 'fresh', async () => 'user')),
    ).toBe('OK');
  });

  it("forgets an account's failures after a right password, not the address's", async () => {
    const throttle = new LoginThrottle(SETTINGS, MEMORY_BACKEND);
    const results = [];
    for (let round = 0; round < 3; round++) {
      await outcome(throttle.login('10.0.0.1', 'alice', wrongPassword));
      await outcome(throttle.login('10.0.0.1', 'alice', wrongPassword));
      results.push(
        await outcome(throttle.login('10.0.0.1', 'alice', async () => 'ok')),
      );
    }

    expect(results).toEqual(['OK', 'OK', 'LOGIN_THROTTLED']);
  });

  it('does not count attempts the server failed', async () => {
    const throttle = new LoginThrottle(SETTINGS, MEMORY_BACKEND);
    const unavailable = async () => {
      throw new ChatError('STORE_UNAVAILABLE');
    };
    for (let i = 0; i < 10; i++) {
      await outcome(throttle.login('10.0.0.1', 'alice', unavailable));
    }

    expect(
      await outcome(throttle.login('10.0.0.1', 'alice', async () => 'ok')),
    ).toBe('OK');
  });

  it('lets exactly the allowed number of racing attempts through', async () => {
    const throttle = new LoginThrottle(SETTINGS, MEMORY_BACKEND);
    const results = await Promise.all(
      Array.from({ length: 20 }, () =>
        outcome(throttle.login('10.0.0.1', 'alice', wrongPassword)),
      ),
    );

    expect(results.filter((r) => r === 'WRONG_PASSWORD')).toHaveLength(3);
    expect(results.filter((r) => r === 'LOGIN_THROTTLED')).toHaveLength(17);
  });
});

describe('LoginThrottle.login, successful logins', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  async function logins(
    throttle: LoginThrottle,
    count: number,
    name = 'alice',
  ): Promise<string[]> {
    const results = [];
    for (let i = 0; i < count; i++) {
      results.push(
        await outcome(throttle.login('10.0.0.1', name, rightPassword)),
      );
    }
    return results;
  }

  it('lets a burst of logins through, then refuses with LOGIN_TOO_OFTEN and the wait', async () => {
    const throttle = new LoginThrottle(SUCCESSES, MEMORY_BACKEND);

    expect(await logins(throttle, 5)).toEqual([
      'OK',
      'OK',
      'OK',
      'LOGIN_TOO_OFTEN',
      'LOGIN_TOO_OFTEN',
    ]);
    await expect(
      throttle.login('10.0.0.1', 'alice', rightPassword),
    ).rejects.toThrow(
      /^This account has logged in too often just now; wait ([1-9]|10) s and log in again\.$/,
    );
  });

  it('lets one more login in each refill time after the burst', async () => {
    vi.useFakeTimers({ toFake: ['Date', 'setTimeout', 'clearTimeout'] });
    const throttle = new LoginThrottle(SUCCESSES, MEMORY_BACKEND);
    await logins(throttle, 4);

    vi.advanceTimersByTime(10_100);

    expect(await logins(throttle, 2)).toEqual(['OK', 'LOGIN_TOO_OFTEN']);
  });

  it("counts only right passwords, so a stranger cannot use up the owner's logins", async () => {
    const throttle = new LoginThrottle(SUCCESSES, MEMORY_BACKEND);
    for (let i = 0; i < 50; i++) {
      expect(
        await outcome(throttle.login(`10.0.3.${i}`, 'alice', wrongPassword)),
      ).toBe('WRONG_PASSWORD');
    }

    expect(await logins(throttle, 4)).toEqual([
      'OK',
      'OK',
      'OK',
      'LOGIN_TOO_OFTEN',
    ]);
  });

  it('counts a login refused as too often as no failed attempt', async () => {
    const throttle = new LoginThrottle(
      { ...SETTINGS, loginBurst: 1, loginRefillS: 60 },
      MEMORY_BACKEND,
    );
    expect(await logins(throttle, 8)).toEqual([
      'OK',
      ...Array(7).fill('LOGIN_TOO_OFTEN'),
    ]);

    expect(
      await outcome(throttle.login('10.0.0.1', 'alice', wrongPassword)),
    ).toBe('WRONG_PASSWORD');
    expect(await logins(throttle, 1, 'bob')).toEqual(['OK']);
  });

  it('counts each account on its own, every spelling of a name as one', async () => {
    const throttle = new LoginThrottle(SUCCESSES, MEMORY_BACKEND);
    await logins(throttle, 2, 'Alice');

    expect(await logins(throttle, 2, 'ALICE')).toEqual([
      'OK',
      'LOGIN_TOO_OFTEN',
    ]);
    expect(await logins(throttle, 3, 'bob')).toEqual(['OK', 'OK', 'OK']);
  });

  it('lets exactly the burst through when logins race', async () => {
    const throttle = new LoginThrottle(SUCCESSES, MEMORY_BACKEND);
    const results = await Promise.all(
      Array.from({ length: 12 }, () =>
        outcome(throttle.login('10.0.0.1', 'alice', rightPassword)),
      ),
    );

    expect(results.filter((r) => r === 'OK')).toHaveLength(3);
    expect(results.filter((r) => r === 'LOGIN_TOO_OFTEN')).toHaveLength(9);
  });

  it('never refuses a right password when turned off with 0', async () => {
    const throttle = new LoginThrottle(
      { ...SUCCESSES, loginBurst: 0 },
      MEMORY_BACKEND,
    );

    expect(await logins(throttle, 40)).not.toContain('LOGIN_TOO_OFTEN');
  });
});

describe('LoginThrottle.register', () => {
  const taken = async () => {
    throw new ChatError('NAME_TAKEN');
  };

  it('throttles registrations from one address with REGISTER_THROTTLED and the wait', async () => {
    const throttle = new LoginThrottle(SETTINGS, MEMORY_BACKEND);
    expect(await outcome(throttle.register('10.0.0.1', async () => 1))).toBe(
      'OK',
    );
    expect(await outcome(throttle.register('10.0.0.1', async () => 1))).toBe(
      'OK',
    );

    await expect(
      throttle.register('10.0.0.1', async () => 1),
    ).rejects.toMatchObject({
      code: 'REGISTER_THROTTLED',
      message: expect.stringMatching(
        /^Too many registration attempts from your address; wait \d+ s and try again\.$/,
      ),
    });
    expect(await outcome(throttle.register('10.0.0.9', async () => 1))).toBe(
      'OK',
    );
  });

  it('does not count taken names as registrations', async () => {
    const throttle = new LoginThrottle(
      { ...SETTINGS, loginFailsPerIp: 30 },
      MEMORY_BACKEND,
    );
    for (let i = 0; i < 4; i++) {
      expect(await outcome(throttle.register('10.0.0.1', taken))).toBe(
        'NAME_TAKEN',
      );
    }
    const looksTaken = async () => {
      throw new ChatError('NAME_CONFUSABLE');
    };
    expect(await outcome(throttle.register('10.0.0.1', looksTaken))).toBe(
      'NAME_CONFUSABLE',
    );

    expect(await outcome(throttle.register('10.0.0.1', async () => 1))).toBe(
      'OK',
    );
    expect(await outcome(throttle.register('10.0.0.1', async () => 1))).toBe(
      'OK',
    );
  });

  it("counts taken names as the address's failed attempts, so names cannot be tested without limit", async () => {
    const throttle = new LoginThrottle(
      { ...SETTINGS, registerPerIp: 100 },
      MEMORY_BACKEND,
    );
    for (let i = 0; i < 5; i++)
      await outcome(throttle.register('10.0.0.1', taken));

    expect(await outcome(throttle.register('10.0.0.1', taken))).toBe(
      'REGISTER_THROTTLED',
    );
    expect(
      await outcome(throttle.login('10.0.0.1', 'alice', rightPassword)),
    ).toBe('LOGIN_THROTTLED');
    expect(await outcome(throttle.register('10.0.0.2', taken))).toBe(
      'NAME_TAKEN',
    );
  });

  it('does not count a new account as a failed attempt', async () => {
    const throttle = new LoginThrottle(
      { ...SETTINGS, registerPerIp: 100 },
      MEMORY_BACKEND,
    );
    for (let i = 0; i < 10; i++) {
      expect(await outcome(throttle.register('10.0.0.1', async () => 1))).toBe(
        'OK',
      );
    }

    expect(
      await outcome(throttle.login('10.0.0.1', 'alice', wrongPassword)),
    ).toBe('WRONG_PASSWORD');
  });

  it('never throttles when turned off with 0', async () => {
    const throttle = new LoginThrottle(
      { ...SETTINGS, registerPerIp: 0, loginFailsPerIp: 0 },
      MEMORY_BACKEND,
    );
    for (let i = 0; i < 20; i++) {
      expect(await outcome(throttle.register('10.0.0.1', async () => 1))).toBe(
        'OK',
      );
    }
  });
});

describe('accountKey and formatWait', () => {
  it('keeps keys short whatever the name', () => {
    expect(accountKey('Alice')).toBe('alice');
    expect(accountKey('x'.repeat(70_000))).toMatch(/^#[0-9a-f]{64}$/);
  });

  it('words a wait in seconds, minutes or hours', () => {
    expect(formatWait(45)).toBe('45 s');
    expect(formatWait(600)).toBe('10 min');
    expect(formatWait(3 * 3600)).toBe('3 h');
  });
});
