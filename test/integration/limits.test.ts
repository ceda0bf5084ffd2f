/**
 * The abuse limits over real sockets against a real server on MariaDB
 * and Redis: connection caps, flood control, login and registration
 * throttles, the budget of successful logins, and racing registrations
 * of one name. Clients connect from
 * different loopback addresses (127.0.0.x) to stand for different hosts.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ERRORS } from '../../shared/errors.ts';
import { message, MessageType, type Message } from '../../shared/protocol.ts';
import type { Config } from '../../server/config.ts';
import { DEFAULT_LIMITS } from '../../server/limits/limit-settings.ts';
import { mysqlRedis, type Backend } from '../helpers/backends.ts';
import { ofType, TestClient, withCode } from '../helpers/client.ts';
import {
  loggedIn,
  startTestServer,
  uniqueName,
  type TestServer,
} from '../helpers/server.ts';
import { eventually } from '../helpers/eventually.ts';

let backend: Backend;
let server: TestServer | undefined;
const extraClients: TestClient[] = [];

beforeAll(async () => {
  backend = await mysqlRedis.create();
});

afterEach(async () => {
  await Promise.all(extraClients.splice(0).map((client) => client.close()));
  await server?.closeClients();
  await server?.stop();
  server = undefined;
});

afterAll(async () => {
  await backend?.cleanup();
});

async function start(limits: Partial<Config>): Promise<TestServer> {
  server = await startTestServer(backend, limits);
  return server;
}

async function from(address: string): Promise<TestClient> {
  const client = await TestClient.connect(server!.port, address);
  extraClients.push(client);
  return client;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A user's activity score, as the ranking shows it. */
async function scoreOf(name: string): Promise<number> {
  return (await server!.hub.stores.activity.placeOf(name))?.score ?? 0;
}

/** Registers a fresh account from 127.0.0.1 and returns its name. */
async function account(): Promise<string> {
  const name = uniqueName('lim');
  const client = await server!.connect();
  expect((await client.register(name, `pw-${name}`)).Content).toBe('OK');
  await client.close();
  return name;
}

describe('connection caps per address', () => {
  it('refuses a connection past the per-address cap with TOO_MANY_CONNECTIONS, for that address only', async () => {
    await start({ maxConnectionsPerIp: 3 });
    const first = await from('127.0.0.4');
    await from('127.0.0.4');
    await from('127.0.0.4');

    const refused = await from('127.0.0.4');
    const reply = await refused.nextFrame(withCode('TOO_MANY_CONNECTIONS'));
    await refused.closed;
    expect(reply).toMatchObject({
      Type: MessageType.Chat,
      Event: 'error',
      Content: ERRORS.TOO_MANY_CONNECTIONS,
    });

    const elsewhere = await from('127.0.0.5');
    expect((await elsewhere.register(uniqueName('cap'), 'pw')).Content).toBe(
      'OK',
    );

    await first.close();
    await eventually(async () => {
      const again = await from('127.0.0.4');
      again.send({ Type: MessageType.List });
      const answer = await again.nextFrame(() => true, 1000);
      expect(answer.Code).toBe('NOT_LOGGED_IN');
    });
  });

  it('caps connections waiting to log in, but not those logged in', async () => {
    await start({ maxUnauthenticatedPerIp: 2 });
    const name = await account();
    const waiting = await from('127.0.0.6');
    await from('127.0.0.6');

    const refused = await from('127.0.0.6');
    const reply = await refused.nextFrame(withCode('TOO_MANY_CONNECTIONS'));
    expect(reply.Content).toMatch(/waiting to log in/);
    await refused.closed;

    expect((await waiting.login(name, `pw-${name}`)).Content).toBe('OK');
    const next = await from('127.0.0.6');
    next.send({ Type: MessageType.List });
    expect((await next.nextFrame()).Code).toBe('NOT_LOGGED_IN');
    expect(next.isOpen).toBe(true);
  });
});

describe('flood control', () => {
  it('lets a burst through, then answers RATE_LIMITED instead of dropping silently', async () => {
    await start({ floodBurst: 5, floodPerSecond: 2 });
    const alice = await loggedIn(server!);
    const bob = await loggedIn(server!);

    for (let i = 1; i <= 8; i++) alice.say(`line ${i}`);

    const refusals = await Promise.all(
      [1, 2, 3].map(() => alice.nextFrame(withCode('RATE_LIMITED'))),
    );
    expect(refusals[0]).toMatchObject({
      Event: 'error',
      Content: ERRORS.RATE_LIMITED,
    });
    const seen = await bob.framesWithin(
      300,
      (f) => !f.History && f.Text?.startsWith('line') === true,
    );
    expect(seen.map((frame) => frame.Text)).toEqual([
      'line 1',
      'line 2',
      'line 3',
      'line 4',
      'line 5',
    ]);

    await new Promise((resolve) => setTimeout(resolve, 1100));
    alice.say('after a pause');
    expect(
      (await bob.nextFrame((frame) => frame.Text === 'after a pause')).Sender,
    ).toBeTruthy();
  });

  it('does not count empty messages, and counts private ones', async () => {
    await start({ floodBurst: 3, floodPerSecond: 1 });
    const alice = await loggedIn(server!);
    const bobName = uniqueName('bob');
    const bob = await loggedIn(server!, bobName);

    for (let i = 0; i < 10; i++) alice.say('   ');
    for (let i = 0; i < 10; i++) {
      await alice.nextFrame(withCode('MESSAGE_EMPTY'));
    }
    alice.whisper(bobName, 'one');
    alice.whisper(bobName, 'two');
    alice.say('three');
    alice.say('four');

    await alice.nextFrame(withCode('RATE_LIMITED'));
    const got = await bob.framesWithin(
      300,
      (frame) => !frame.History && frame.Text !== undefined,
    );
    expect(got.map((frame) => frame.Text)).toEqual(['one', 'two', 'three']);
  });
});

describe('login throttling', () => {
  it('throttles a guessing address on an account while the owner logs in from another', async () => {
    await start({ loginFailsPerAccount: 3, loginWindowS: 60 });
    const name = await account();
    const guesser = await from('127.0.0.3');
    for (let i = 0; i < 3; i++) {
      expect((await guesser.login(name, `guess${i}`)).Code).toBe(
        'WRONG_PASSWORD',
      );
    }

    const lucky = await guesser.login(name, `pw-${name}`);
    expect(lucky).toMatchObject({
      Type: MessageType.Register,
      Code: 'LOGIN_THROTTLED',
    });
    expect(lucky.Content).toMatch(
      /^Too many attempts; wait \d+ s and try again\.$/,
    );
    expect(guesser.isOpen).toBe(true);
    const other = await account();
    expect((await guesser.login(other, `pw-${other}`)).Content).toBe('OK');

    const owner = await from('127.0.0.2');
    expect(await owner.login(name, `pw-${name}`)).toMatchObject({
      Type: MessageType.Register,
      Content: 'OK',
      Sender: name,
    });
  });

  it('throttles an account from every address once guesses from many add up to the total', async () => {
    await start({
      loginFailsPerAccount: 2,
      loginFailsPerAccountTotal: 4,
      loginWindowS: 60,
    });
    const name = await account();
    for (const address of ['127.0.0.12', '127.0.0.13']) {
      const guesser = await from(address);
      for (let i = 0; i < 2; i++) {
        expect((await guesser.login(name, `guess${i}`)).Code).toBe(
          'WRONG_PASSWORD',
        );
      }
    }

    const third = await from('127.0.0.14');
    expect((await third.login(name, 'guess')).Code).toBe('LOGIN_THROTTLED');
    const owner = await from('127.0.0.2');
    expect((await owner.login(name, `pw-${name}`)).Code).toBe(
      'LOGIN_THROTTLED',
    );
    const other = await account();
    expect((await owner.login(other, `pw-${other}`)).Content).toBe('OK');
  });

  it('throttles an address that fails on many names, not other addresses', async () => {
    await start({ loginFailsPerIp: 4, loginWindowS: 60 });
    const name = await account();
    const scanner = await from('127.0.0.9');
    for (let i = 0; i < 4; i++) {
      const reply = await scanner.login(uniqueName('nobody'), 'x');
      expect(reply.Code).toBe('UNKNOWN_USER');
    }

    expect((await scanner.login(name, `pw-${name}`)).Code).toBe(
      'LOGIN_THROTTLED',
    );
    const elsewhere = await from('127.0.0.10');
    expect((await elsewhere.login(name, `pw-${name}`)).Content).toBe('OK');
  });
});

describe('successful-login budget per account', () => {
  const isPresenceOf = (name: string) => (frame: Message) =>
    frame.Sender === name &&
    (frame.Event === 'join' || frame.Event === 'leave');

  /** Reads, and marks read, the joins and leaves of `name` from 300 ms. */
  async function presenceOf(client: TestClient, name: string) {
    const frames = await client.framesWithin(300, isPresenceOf(name));
    for (const _ of frames) await client.nextFrame(isPresenceOf(name));
    return frames;
  }

  it('caps a reconnect loop of quick logins to a few joins and points with the default budget', async () => {
    const { loginBurst, loginRefillS } = DEFAULT_LIMITS;
    await start({ loginBurst, loginRefillS });
    const name = await account();
    const observer = await loggedIn(server!);
    const scoreBefore = await scoreOf(name);

    const replies: Message[] = [];
    for (let i = 0; i < 40; i++) {
      const client = await from('127.0.0.20');
      client.send(
        message(MessageType.Login, {
          Sender: name,
          Content: `pw-${name}`,
          Version: 1,
        }),
      );
      // As the tester did, but never closing before the answer, so a
      // slow password check cannot make the loop look throttled.
      const [reply] = await Promise.all([
        client.nextFrame(ofType(MessageType.Register)),
        sleep(120),
      ]);
      replies.push(reply);
      await client.close();
    }

    const presence = await presenceOf(observer, name);
    const joins = presence.filter((frame) => frame.Event === 'join');
    expect(joins.length).toBeGreaterThan(0);
    expect(joins.length).toBeLessThanOrEqual(loginBurst + 1);
    expect(presence).toHaveLength(joins.length * 2);
    expect((await scoreOf(name)) - scoreBefore).toBe(2 * joins.length);
    const refused = replies.filter(withCode('LOGIN_TOO_OFTEN'));
    expect(refused).toHaveLength(40 - joins.length);
    for (const reply of refused) {
      expect(reply.Content).toMatch(
        /^This account has logged in too often just now; wait \d+ s and log in again\.$/,
      );
    }
  }, 30_000);

  it('refuses a login past the budget with the wait, keeps the connection, and lets it in there once the wait is over', async () => {
    await start({ loginBurst: 1, loginRefillS: 3 });
    const name = await account();
    const observer = await loggedIn(server!);
    const earlier = await from('127.0.0.21');
    expect((await earlier.login(name, `pw-${name}`)).Content).toBe('OK');
    await earlier.close();
    await presenceOf(observer, name);

    const client = await from('127.0.0.21');
    const refused = await client.login(name, `pw-${name}`);
    expect(refused).toMatchObject({
      Type: MessageType.Register,
      Code: 'LOGIN_TOO_OFTEN',
    });
    const wait = /wait (\d+) s/.exec(refused.Content)?.[1];
    expect(Number(wait)).toBeGreaterThanOrEqual(1);
    expect(Number(wait)).toBeLessThanOrEqual(3);
    expect(client.isOpen).toBe(true);
    expect(await presenceOf(observer, name)).toEqual([]);

    await sleep(Number(wait) * 1000);
    expect(await client.login(name, `pw-${name}`)).toMatchObject({
      Content: 'OK',
      Sender: name,
    });
    const joined = await observer.nextFrame(
      (frame) => frame.Sender === name && frame.Event === 'join',
    );
    expect(joined.Content).toBe(`${name} joined`);
  });

  it('counts a takeover as a login, and a refused one leaves the session online elsewhere alone', async () => {
    await start({ loginBurst: 2, loginRefillS: 60 });
    const name = await account();
    const observer = await loggedIn(server!);
    const first = await from('127.0.0.22');
    expect((await first.login(name, `pw-${name}`)).Content).toBe('OK');
    const second = await from('127.0.0.23');
    expect((await second.login(name, `pw-${name}`)).Content).toBe('OK');
    await first.nextFrame(withCode('SESSION_REPLACED'));

    const third = await from('127.0.0.24');
    expect((await third.login(name, `pw-${name}`)).Code).toBe(
      'LOGIN_TOO_OFTEN',
    );

    expect(
      await second.framesWithin(300, withCode('SESSION_REPLACED')),
    ).toEqual([]);
    expect(second.isOpen).toBe(true);
    second.say('still here');
    expect(
      (await observer.nextFrame((frame) => frame.Text === 'still here')).Sender,
    ).toBe(name);
    const presence = await presenceOf(observer, name);
    expect(presence.map((frame) => frame.Event)).toEqual(['join']);
  });
});

describe('registration throttling per address', () => {
  it('refuses registrations past the per-address budget with REGISTER_THROTTLED and the wait', async () => {
    await start({ registerPerIp: 2, registerWindowS: 3600 });
    const client = await from('127.0.0.11');
    expect((await client.register(uniqueName('r'), 'pw')).Content).toBe('OK');
    expect((await client.register(uniqueName('r'), 'pw')).Content).toBe('OK');

    const third = await client.register(uniqueName('r'), 'pw');
    expect(third).toMatchObject({
      Type: MessageType.Register,
      Code: 'REGISTER_THROTTLED',
    });
    expect(third.Content).toMatch(
      /^Too many registration attempts from your address; wait (59|60) min and try again\.$/,
    );
    expect(client.isOpen).toBe(true);

    const elsewhere = await from('127.0.0.12');
    expect((await elsewhere.register(uniqueName('r'), 'pw')).Content).toBe(
      'OK',
    );
  });

  it('lets a user try names that are taken without using up the registrations', async () => {
    await start({
      registerPerIp: 2,
      registerWindowS: 3600,
      loginFailsPerIp: 30,
      loginWindowS: 900,
    });
    const taken = await account();
    const client = await from('127.0.0.15');
    for (const name of [taken, taken.toUpperCase(), taken]) {
      expect((await client.register(name, 'pw')).Code).toBe('NAME_TAKEN');
    }

    expect((await client.register(uniqueName('r'), 'pw')).Content).toBe('OK');
    expect((await client.register(uniqueName('r'), 'pw')).Content).toBe('OK');
    expect((await client.register(uniqueName('r'), 'pw')).Code).toBe(
      'REGISTER_THROTTLED',
    );
  });

  it('counts taken names as failed attempts of the address, so it cannot test names without limit', async () => {
    await start({ registerPerIp: 20, loginFailsPerIp: 3, loginWindowS: 900 });
    const taken = await account();
    const prober = await from('127.0.0.16');
    for (let i = 0; i < 3; i++) {
      expect((await prober.register(taken, 'pw')).Code).toBe('NAME_TAKEN');
    }

    expect((await prober.register(taken, 'pw')).Code).toBe(
      'REGISTER_THROTTLED',
    );
    expect((await prober.login(taken, `pw-${taken}`)).Code).toBe(
      'LOGIN_THROTTLED',
    );
    const elsewhere = await from('127.0.0.17');
    expect((await elsewhere.register(uniqueName('r'), 'pw')).Content).toBe(
      'OK',
    );
  });
});

describe('concurrent registration of the same name', () => {
  it('lets exactly one of many racing registrations win', async () => {
    await start({});
    const base = uniqueName('zoë');
    const spellings = [base, base.toUpperCase(), base.normalize('NFD')];
    const clients = await Promise.all(
      Array.from({ length: 12 }, () => server!.connect()),
    );

    const replies = await Promise.all(
      clients.map((client, i) =>
        client.register(spellings[i % spellings.length]!, `pw${i}`),
      ),
    );

    const winners = replies.flatMap((reply, i) =>
      reply.Content === 'OK' ? [i] : [],
    );
    expect(winners).toHaveLength(1);
    expect(replies.filter((reply) => reply.Code === 'NAME_TAKEN')).toHaveLength(
      11,
    );
    const winner = winners[0]!;
    const login = await clients[winner]!.login(base, `pw${winner}`);
    expect(login.Content).toBe('OK');
  });
});
