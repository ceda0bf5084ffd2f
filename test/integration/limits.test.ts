/**
 * The abuse limits over real sockets against a real server on MariaDB
 * and Redis: connection caps, flood control, login and registration
 * throttles, and racing registrations of one name. Clients connect from
 * different loopback addresses (127.0.0.x) to stand for different hosts.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ERRORS } from '../../shared/errors.ts';
import { MessageType } from '../../shared/protocol.ts';
import type { Config } from '../../server/config.ts';
import { mysqlRedis, type Backend } from '../helpers/backends.ts';
import { TestClient, withCode } from '../helpers/client.ts';
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

describe('registration throttling per address', () => {
  it('refuses registrations past the per-address budget with LOGIN_THROTTLED', async () => {
    await start({ registerPerIp: 2, registerWindowS: 60 });
    const client = await from('127.0.0.11');
    expect((await client.register(uniqueName('r'), 'pw')).Content).toBe('OK');
    expect((await client.register(uniqueName('r'), 'pw')).Content).toBe('OK');

    const third = await client.register(uniqueName('r'), 'pw');
    expect(third.Code).toBe('LOGIN_THROTTLED');

    const elsewhere = await from('127.0.0.12');
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
