/**
 * The store contract, run against every backend: SQLite alone, and
 * MariaDB plus Redis. Each backend gets fresh data of its own.
 */
import {
  afterAll,
  beforeAll,
  describe,
  expect,
  it,
  onTestFinished,
} from 'vitest';
import type { ChatError } from '../../shared/errors.ts';
import type { StoreOptions } from '../../server/store/open-stores.ts';
import type { StoredMessage, Stores } from '../../server/store/types.ts';
import {
  BACKENDS,
  openBackendSql,
  type BackendKind,
} from '../helpers/backends.ts';

/** The error code a promise rejects with, or 'resolved'. */
async function codeOf(work: Promise<unknown>): Promise<string> {
  try {
    await work;
    return 'resolved';
  } catch (error) {
    return String((error as { code?: unknown }).code ?? error);
  }
}

function room(sender: string, text: string, time = Date.now()) {
  return { time, sender, receiver: '', text, action: false };
}

function secret(sender: string, receiver: string, text: string) {
  return { time: Date.now(), sender, receiver, text, action: false };
}

const texts = (messages: StoredMessage[]) => messages.map((m) => m.text);

describe.each(BACKENDS)('$name stores', (kind: BackendKind) => {
  /** Fresh data for one test, removed when the test ends. */
  async function fresh(overrides: Partial<StoreOptions> = {}) {
    const backend = await kind.create(overrides);
    onTestFinished(() => backend.cleanup());
    return { backend, stores: await backend.open() };
  }

  describe('users', () => {
    let backend: Awaited<ReturnType<BackendKind['create']>>;
    let stores: Stores;

    beforeAll(async () => {
      backend = await kind.create();
      stores = await backend.open();
    });

    afterAll(async () => {
      await backend?.cleanup();
    });

    it('registers an account and logs it in under any spelling of its name', async () => {
      const alice = await stores.users.register('Alice', 'wonderland');
      expect(alice).toMatchObject({ name: 'Alice', canonical: 'alice' });

      for (const spelling of ['Alice', 'ALICE', 'Ａｌｉｃｅ']) {
        const user = await stores.users.authenticate(spelling, 'wonderland');
        expect(user).toEqual(alice);
      }
    });

    it('refuses a wrong password with WRONG_PASSWORD', async () => {
      await stores.users.register('Walter', 'right one');
      expect(
        await codeOf(stores.users.authenticate('Walter', 'wrong one')),
      ).toBe('WRONG_PASSWORD');
      expect(await codeOf(stores.users.authenticate('Walter', ''))).toBe(
        'WRONG_PASSWORD',
      );
    });

    it('refuses a name nobody registered with UNKNOWN_USER', async () => {
      expect(await codeOf(stores.users.authenticate('nobody', 'x'))).toBe(
        'UNKNOWN_USER',
      );
      expect(
        await codeOf(stores.users.authenticate('x'.repeat(5000), 'x')),
      ).toBe('UNKNOWN_USER');
    });

    it('refuses a taken name in another case or width with NAME_TAKEN', async () => {
      await stores.users.register('Dora', 'explorer');
      for (const spelling of ['Dora', 'DORA', 'dora', 'Ｄｏｒａ']) {
        expect(await codeOf(stores.users.register(spelling, 'other'))).toBe(
          'NAME_TAKEN',
        );
      }
      const dora = await stores.users.authenticate('dora', 'explorer');
      expect(dora.name).toBe('Dora');
    });

    it('lets exactly one of two simultaneous registrations of a name win', async () => {
      for (const [first, second] of [
        ['Race1', 'RACE1'],
        ['Race2', 'Ｒａｃｅ2'],
        ['Race3', 'Race3'],
      ] as const) {
        const results = await Promise.allSettled([
          stores.users.register(first, 'one'),
          stores.users.register(second, 'two'),
        ]);
        const won = results.filter((r) => r.status === 'fulfilled');
        const lost = results.filter((r) => r.status === 'rejected');
        expect(won).toHaveLength(1);
        expect(lost).toHaveLength(1);
        expect((lost[0] as PromiseRejectedResult).reason.code).toBe(
          'NAME_TAKEN',
        );
      }
    });

    it('refuses a name that looks like a taken one with NAME_CONFUSABLE', async () => {
      await stores.users.register('Ellie', 'pw');
      await stores.users.register('Sasha', 'pw');
      for (const lookAlike of [
        '\u0435\u04cf\u04cf\u0456\u0435', // еӏӏіе, all Cyrillic
        '\u0415LLI\u0415', // Cyrillic Е around Latin LLI: mixed, refused too
        '\u0405\u0430\u0455\u04bb\u0430', // Ѕаѕһа
      ]) {
        const refusal = await stores.users
          .register(lookAlike, 'other')
          .catch((error: unknown) => error as ChatError);
        expect(refusal).toMatchObject({ code: 'NAME_CONFUSABLE' });
      }
      await expect(
        stores.users.register('\u0435\u04cf\u04cf\u0456\u0435', 'x'),
      ).rejects.toThrow(
        'That name looks like one already taken; pick another.',
      );
      expect(
        await stores.users.find('\u0435\u04cf\u04cf\u0456\u0435'),
      ).toBeNull();
      expect((await stores.users.register('E11ie', 'pw')).name).toBe('E11ie');
    });

    it('lets exactly one of two simultaneous look-alike registrations win', async () => {
      for (const [latin, cyrillic] of [
        ['coco', '\u0441\u043e\u0441\u043e'],
        ['xoxo', '\u0445\u043e\u0445\u043e'],
        ['sepp', '\u0455\u0435\u0440\u0440'],
      ] as const) {
        const results = await Promise.allSettled([
          stores.users.register(latin, 'one'),
          stores.users.register(cyrillic, 'two'),
        ]);
        const lost = results.filter((r) => r.status === 'rejected');
        expect(lost).toHaveLength(1);
        expect((lost[0] as PromiseRejectedResult).reason.code).toBe(
          'NAME_CONFUSABLE',
        );
      }
    });

    it('keeps an argon2id hash in the database, never the password', async () => {
      await stores.users.register('Hashy', 'plain text secret');
      const sql = openBackendSql(backend.options);
      try {
        const row = await sql('users').where({ canonical: 'hashy' }).first();
        expect(row.password_hash).toMatch(/^\$argon2id\$/);
        expect(row.password_hash).not.toContain('plain text secret');
        expect(JSON.stringify(row)).not.toContain('plain text secret');
      } finally {
        await sql.destroy();
      }
    });

    it('refuses bad names and passwords with their own codes', async () => {
      const cases: [string, string, string][] = [
        ['', 'pw', 'NAME_INVALID'],
        ['two words', 'pw', 'NAME_INVALID'],
        ['zero\u200bwidth', 'pw', 'NAME_INVALID'],
        ['x'.repeat(33), 'pw', 'NAME_INVALID'],
        ['x'.repeat(100_000), 'pw', 'NAME_INVALID'],
        ['Admin', 'pw', 'NAME_RESERVED'],
        ['p\u0430ypal', 'pw', 'NAME_CONFUSABLE'],
        ['Pat', '', 'PASSWORD_INVALID'],
        ['Pat', 'x'.repeat(257), 'PASSWORD_INVALID'],
      ];
      for (const [name, password, code] of cases) {
        expect(await codeOf(stores.users.register(name, password))).toBe(code);
      }
      expect(await stores.users.find('Pat')).toBeNull();

      const longest = '密'.repeat(256);
      await stores.users.register('Pat', longest);
      expect((await stores.users.authenticate('pat', longest)).name).toBe(
        'Pat',
      );
    });

    it('finds an account by any spelling and returns null for strangers', async () => {
      const zoe = await stores.users.register('Zoë', 'pw');
      expect(await stores.users.find('ZOË')).toEqual(zoe);
      expect(await stores.users.find('Zoe')).toBeNull();
      expect(await stores.users.find('')).toBeNull();
    });
  });

  describe('history', () => {
    it("returns room messages and the reader's own private ones, oldest first, up to the limit", async () => {
      const { stores } = await fresh();
      await stores.history.append(room('alice', 'r1'));
      await stores.history.append(secret('bob', 'alice', 'p1 bob to alice'));
      await stores.history.append(room('bob', 'r2'));
      await stores.history.append(secret('alice', 'bob', 'p2 alice to bob'));
      await stores.history.append({ ...room('carol', 'r3'), action: true });

      const all = await stores.history.recentFor('alice', 50);
      expect(texts(all)).toEqual([
        'r1',
        'p1 bob to alice',
        'r2',
        'p2 alice to bob',
        'r3',
      ]);
      expect(all[4]).toMatchObject({
        sender: 'carol',
        receiver: '',
        action: true,
      });
      expect(all[1]).toMatchObject({
        sender: 'bob',
        receiver: 'alice',
        action: false,
      });

      const last = await stores.history.recentFor('alice', 3);
      expect(texts(last)).toEqual(['r2', 'p2 alice to bob', 'r3']);
      expect(await stores.history.recentFor('alice', 0)).toEqual([]);
    });

    it('never shows anyone a private message between two other people', async () => {
      const { stores } = await fresh();
      await stores.history.append(room('alice', 'hello room'));
      await stores.history.append(secret('Alice', 'Carol', 'for carol only'));
      await stores.history.append(room('carol', 'hi all'));

      expect(texts(await stores.history.recentFor('bob', 50))).toEqual([
        'hello room',
        'hi all',
      ]);
      expect(texts(await stores.history.recentFor('carol', 50))).toContain(
        'for carol only',
      );
      expect(texts(await stores.history.recentFor('alice', 50))).toContain(
        'for carol only',
      );
    });

    it('gives every message a distinct id that grows with each append', async () => {
      const { stores } = await fresh();
      const ids: string[] = [];
      for (let i = 0; i < 5; i++) {
        ids.push(
          await stores.history.append(
            i % 2 ? secret('a', 'b', `m${i}`) : room('a', `m${i}`),
          ),
        );
      }
      const numbers = ids.map(Number);
      expect(numbers.every(Number.isSafeInteger)).toBe(true);
      expect([...numbers].sort((x, y) => x - y)).toEqual(numbers);
      expect(new Set(ids).size).toBe(5);
      const seen = await stores.history.recentFor('b', 50);
      expect(seen.map((m) => m.id)).toEqual(ids);
    });

    it('keeps text, names and time exactly, emoji and CJK included', async () => {
      const { stores } = await fresh();
      const message = {
        time: 1_700_000_000_123,
        sender: 'Ｋｉｍ',
        receiver: '',
        text: '你好 👋🏽 "quotes" \\ \n second line',
        action: false,
      };
      const id = await stores.history.append(message);
      expect(await stores.history.recentFor('kim', 10)).toEqual([
        { id, ...message },
      ]);
    });

    it('still has the history after the stores are closed and opened again', async () => {
      const { backend, stores } = await fresh();
      await stores.history.append(room('alice', 'before restart'));
      await stores.history.append(
        secret('alice', 'bob', 'private before restart'),
      );
      await stores.close();

      const reopened = await backend.open();
      expect(texts(await reopened.history.recentFor('bob', 50))).toEqual([
        'before restart',
        'private before restart',
      ]);
      await reopened.history.append(room('bob', 'after restart'));
      expect(texts(await reopened.history.recentFor('bob', 50))).toEqual([
        'before restart',
        'private before restart',
        'after restart',
      ]);
    });

    it('drops the oldest messages once far more than historyMaxLen were appended', async () => {
      const { stores } = await fresh({ historyMaxLen: 10 });
      for (let i = 0; i < 250; i++) {
        await stores.history.append(room('alice', `room ${i}`));
        await stores.history.append(secret('alice', 'bob', `private ${i}`));
      }
      const rooms = texts(await stores.history.recentFor('carol', 1000));
      // Redis trims whole stream nodes (MAXLEN ~), so more than 10 may stay.
      expect(rooms.length).toBeGreaterThanOrEqual(10);
      expect(rooms.length).toBeLessThan(250);
      expect(rooms).not.toContain('room 0');
      expect(rooms.slice(-10)).toEqual(
        Array.from({ length: 10 }, (_, i) => `room ${240 + i}`),
      );

      const bobs = texts(await stores.history.recentFor('bob', 1000));
      expect(bobs).not.toContain('private 0');
      expect(bobs.slice(-2)).toEqual(['room 249', 'private 249']);
    });
  });

  describe('activity', () => {
    it('ranks users by score, highest first, and tells each their place', async () => {
      const { stores } = await fresh();
      await stores.activity.add('alice', 2);
      await stores.activity.add('bob', 1);
      await stores.activity.add('carol', 5);
      await stores.activity.add('bob', 3);
      await stores.activity.add('alice', 1);

      expect(await stores.activity.top(10)).toEqual([
        { name: 'carol', score: 5 },
        { name: 'bob', score: 4 },
        { name: 'alice', score: 3 },
      ]);
      expect(await stores.activity.top(2)).toEqual([
        { name: 'carol', score: 5 },
        { name: 'bob', score: 4 },
      ]);
      expect(await stores.activity.placeOf('carol')).toEqual({
        place: 1,
        score: 5,
      });
      expect(await stores.activity.placeOf('alice')).toEqual({
        place: 3,
        score: 3,
      });
    });

    it('has no place for a user without a score', async () => {
      const { stores } = await fresh();
      await stores.activity.add('alice', 1);
      expect(await stores.activity.placeOf('dave')).toBeNull();
      expect(await stores.activity.top(0)).toEqual([]);
    });

    it('orders equal scores the same way on every backend', async () => {
      const { stores } = await fresh();
      for (const name of ['amy', 'Ben', 'ben', '김'])
        await stores.activity.add(name, 7);
      await stores.activity.add('zed', 1);
      expect((await stores.activity.top(10)).map((e) => e.name)).toEqual([
        '김',
        'ben',
        'amy',
        'Ben',
        'zed',
      ]);
      expect(await stores.activity.placeOf('amy')).toEqual({
        place: 3,
        score: 7,
      });
      expect(await stores.activity.placeOf('Ben')).toEqual({
        place: 4,
        score: 7,
      });
    });

    it('keeps scores across closing and opening the stores', async () => {
      const { backend, stores } = await fresh();
      await stores.activity.add('alice', 12);
      await stores.close();
      const reopened = await backend.open();
      expect(await reopened.activity.placeOf('alice')).toEqual({
        place: 1,
        score: 12,
      });
    });
  });
});
