/**
 * Registering and logging in over real TCP, on every storage backend.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ERRORS, type ErrorCode } from '../../shared/errors.ts';
import { MessageType } from '../../shared/protocol.ts';
import { BACKENDS, type Backend } from '../helpers/backends.ts';
import { ofType, withCode } from '../helpers/client.ts';
import {
  startTestServer,
  uniqueName,
  type TestServer,
} from '../helpers/server.ts';

describe.each(BACKENDS)('accounts on $name', (kind) => {
  let backend: Backend;
  let server: TestServer;

  beforeAll(async () => {
    backend = await kind.create();
    server = await startTestServer(backend);
  });
  afterEach(() => server.closeClients());
  afterAll(async () => {
    await server?.stop();
    await backend?.cleanup();
  });

  it('registers a new name and replies OK without logging in', async () => {
    const client = await server.connect();
    const name = uniqueName('Reg');

    const reply = await client.register(name, 'secret');
    expect(reply).toMatchObject({
      Type: 1,
      Content: 'OK',
      Sender: name,
      Version: 1,
    });

    client.send({ Type: MessageType.List });
    const refusal = await client.nextFrame(withCode('NOT_LOGGED_IN'));
    expect(refusal.Content).toBe('Log in or register first.');
  });

  it('logs in with the right password and answers with the registered spelling', async () => {
    const client = await server.connect();
    const name = uniqueName('Bea');
    await client.register(name, 'secret');

    const reply = await client.login(name.toUpperCase(), 'secret');
    expect(reply).toMatchObject({
      Type: 1,
      Content: 'OK',
      Sender: name,
      Version: 1,
    });
    expect(reply.Code).toBeUndefined();
  });

  it('refuses a wrong password and lets the same connection try again', async () => {
    const client = await server.connect();
    const name = uniqueName();
    await client.register(name, 'right');

    const refusal = await client.login(name, 'wrong');
    expect(refusal).toMatchObject({
      Type: 1,
      Code: 'WRONG_PASSWORD',
      Content: 'Wrong password; try again.',
    });
    expect(client.isOpen).toBe(true);

    const retry = await client.login(name, 'right');
    expect(retry.Content).toBe('OK');
  });

  it('refuses a login for a name nobody registered', async () => {
    const client = await server.connect();

    const refusal = await client.login(uniqueName('ghost'), 'pw');
    expect(refusal).toMatchObject({
      Type: 1,
      Code: 'UNKNOWN_USER',
      Content: 'No account has that name; register it first.',
    });
  });

  it('refuses a taken name, also when spelled in another case', async () => {
    const first = await server.connect();
    const name = uniqueName('Carol');
    await first.register(name, 'pw');
    const second = await server.connect();

    const same = await second.register(name, 'other');
    const otherCase = await second.register(name.toLowerCase(), 'other');
    for (const reply of [same, otherCase]) {
      expect(reply).toMatchObject({
        Type: 1,
        Code: 'NAME_TAKEN',
        Content: 'That name is taken; pick another or log in.',
      });
    }
    expect(second.isOpen).toBe(true);
  });

  it('refuses an invalid name with a sentence saying what names may be', async () => {
    const client = await server.connect();

    const reply = await client.register('two words', 'pw');
    expect(reply).toMatchObject({ Type: 1, Code: 'NAME_INVALID' });
    expect(reply.Content).toMatch(/1 to 32 characters/);
  });

  it.each([
    { label: 'Admin', name: 'Admin', code: 'NAME_RESERVED' },
    { label: '管理员', name: '管理员', code: 'NAME_RESERVED' },
    { label: '系统', name: '系统', code: 'NAME_RESERVED' },
    {
      label: 'paypal with a Cyrillic а',
      name: 'p\u0430ypal',
      code: 'NAME_CONFUSABLE',
    },
    {
      label: 'a name with a zero-width space',
      name: 'pay\u200bpal',
      code: 'NAME_INVALID',
    },
  ] satisfies Array<{ label: string; name: string; code: ErrorCode }>)(
    'refuses to register $label with $code and creates no account',
    async ({ name, code }) => {
      const client = await server.connect();

      const reply = await client.register(name, 'pw');
      expect(reply).toMatchObject({
        Type: 1,
        Code: code,
        Content: ERRORS[code],
      });
      expect(client.isOpen).toBe(true);
      const login = await client.login(name, 'pw');
      expect(login).toMatchObject({ Type: 1, Code: 'UNKNOWN_USER' });
    },
  );

  it('refuses a look-alike of a taken name and a name ending in a blank', async () => {
    const client = await server.connect();
    expect((await client.register('Alice', 'pw')).Content).toBe('OK');

    // аӏісе: every letter Cyrillic, so only its look gives it away.
    const lookAlike = await client.register(
      '\u0430\u04cf\u0456\u0441\u0435',
      'pw',
    );
    expect(lookAlike).toMatchObject({
      Type: 1,
      Code: 'NAME_CONFUSABLE',
      Content: 'That name looks like one already taken; pick another.',
    });
    const blank = await client.register('Alice\u2800', 'pw');
    expect(blank).toMatchObject({ Type: 1, Code: 'NAME_INVALID' });

    const login = await client.login('\u0430\u04cf\u0456\u0441\u0435', 'pw');
    expect(login).toMatchObject({ Type: 1, Code: 'UNKNOWN_USER' });
  });

  it('refuses every command but login, register and heartbeat before login', async () => {
    const client = await server.connect();

    for (const type of [
      MessageType.Leave,
      MessageType.Chat,
      MessageType.Private,
      MessageType.List,
      MessageType.Rank,
    ]) {
      client.send({ Type: type, Receiver: 'x', Content: 'hi' });
      const refusal = await client.nextFrame();
      expect(refusal).toMatchObject({
        Type: 3,
        Event: 'error',
        Code: 'NOT_LOGGED_IN',
      });
    }
    client.send({ Type: MessageType.Heartbeat, Content: 'PING' });
    expect(await client.framesWithin(200)).toEqual([]);
    expect(client.isOpen).toBe(true);
  });

  it('refuses a second login on a connection that is logged in', async () => {
    const client = await server.connect();
    const name = uniqueName();
    await client.register(name, 'pw');
    await client.login(name, 'pw');

    for (const type of [MessageType.Login, MessageType.Register]) {
      client.send({ Type: type, Sender: name, Content: 'pw' });
      const refusal = await client.nextFrame(withCode('ALREADY_LOGGED_IN'));
      expect(refusal).toMatchObject({
        Type: 1,
        Content: 'You are already logged in on this connection.',
      });
      expect(refusal.Event).toBeUndefined();
    }
    client.send({ Type: MessageType.List });
    expect((await client.nextFrame(ofType(MessageType.List))).Users).toEqual([
      name,
    ]);
  });

  it('answers a malformed login or register frame with a Type 1 refusal', async () => {
    const client = await server.connect();
    const cases = [
      [
        '{"Type":0,"Sender":"x","Content":"pw","__proto__":{}}',
        'FORBIDDEN_KEY',
      ],
      [
        '{"Type":1,"Sender":"x","Content":"pw","constructor":1}',
        'FORBIDDEN_KEY',
      ],
      ['{"Type":0,"Sender":"x","Content":42}', 'BAD_MESSAGE'],
      ['{"Type":1,"Sender":["x"],"Content":"pw"}', 'BAD_MESSAGE'],
      ['{"Type":0,"Sender":"x","Content":"pw","Version":-1}', 'BAD_MESSAGE'],
    ] as const;

    for (const [body, code] of cases) {
      client.sendRaw(rawFrame(body));
      const refusal = await client.nextFrame();
      expect(refusal).toMatchObject({ Type: 1, Code: code });
      expect(refusal.Event).toBeUndefined();
      expect(refusal.Content.length).toBeGreaterThan(10);
    }
    expect(client.isOpen).toBe(true);

    const name = uniqueName();
    expect((await client.register(name, 'pw')).Content).toBe('OK');
    expect((await client.login(name, 'pw')).Content).toBe('OK');
  });

  it('keeps error events for malformed frames that are not a login', async () => {
    const client = await server.connect();
    for (const body of [
      '{"Type":3,"Content":42}',
      '{"Type":"0","Sender":"x"}',
      '{"Sender":"x","Content":"pw"}',
      '[0]',
    ]) {
      client.sendRaw(rawFrame(body));
      expect(await client.nextFrame()).toMatchObject({
        Type: 3,
        Event: 'error',
      });
    }
  });
});

/** A length prefix followed by `body`, written as given. */
function rawFrame(body: string): Buffer {
  const bytes = Buffer.from(body, 'utf8');
  const header = Buffer.alloc(4);
  header.writeUInt32BE(bytes.length, 0);
  return Buffer.concat([header, bytes]);
}
