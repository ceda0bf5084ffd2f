/**
 * Framing, malformed input, deadlines and takeover over real TCP, on
 * every backend.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { MessageType } from '../../shared/protocol.ts';
import { BACKENDS, type Backend } from '../helpers/backends.ts';
import { ofType, withCode } from '../helpers/client.ts';
import {
  loggedIn,
  startTestServer,
  uniqueName,
  type TestServer,
} from '../helpers/server.ts';

/** A length prefix followed by `body` as given, without checks. */
function rawFrame(body: string | Buffer, length?: number): Buffer {
  const bytes = Buffer.isBuffer(body) ? body : Buffer.from(body, 'utf8');
  const header = Buffer.alloc(4);
  header.writeUInt32BE(length ?? bytes.length, 0);
  return Buffer.concat([header, bytes]);
}

describe.each(BACKENDS)('the protocol on $name', (kind) => {
  let backend: Backend;
  let server: TestServer;

  beforeAll(async () => {
    backend = await kind.create();
    server = await startTestServer(backend, {
      idleTimeoutMs: 600,
      loginTimeoutMs: 1500,
      frameTimeoutMs: 400,
      maxFrameBytes: 4096,
    });
  });
  afterEach(() => server.closeClients());
  afterAll(async () => {
    await server?.stop();
    await backend?.cleanup();
  });

  it('answers malformed frames with an error and keeps the connection', async () => {
    const client = await loggedIn(server);
    const keepAlive = setInterval(
      () => client.send({ Type: 6, Content: 'PING' }),
      200,
    );
    try {
      const cases = [
        ['{"Type":3,', 'BAD_FRAME'],
        ['[1,2,3]', 'BAD_FRAME'],
        ['{"Type":"3","Content":"hi"}', 'BAD_MESSAGE'],
        ['{"Type":3,"Content":42}', 'BAD_MESSAGE'],
        ['{"Type":99,"Content":"hi"}', 'UNKNOWN_TYPE'],
        [
          '{"Type":3,"Content":"hi","__proto__":{"isAdmin":true}}',
          'FORBIDDEN_KEY',
        ],
      ] as const;
      for (const [body, code] of cases) {
        client.sendRaw(rawFrame(body));
        const refusal = await client.nextFrame(withCode(code));
        expect(refusal).toMatchObject({ Type: 3, Event: 'error' });
        expect(refusal.Content.length).toBeGreaterThan(10);
      }

      client.sendRaw(rawFrame('{"Type":5,"Action":"yes"}'));
      const named = await client.nextFrame(withCode('BAD_MESSAGE'));
      expect(named.Content).toMatch(/^That message's Action has the wrong/);

      client.say('still here');
      const echo = await client.nextFrame(ofType(MessageType.Chat));
      expect(echo.Text).toBe('still here');
    } finally {
      clearInterval(keepAlive);
    }
  });

  it('accepts a frame split anywhere, even inside a character', async () => {
    const client = await loggedIn(server);
    const frame = rawFrame(
      JSON.stringify({ Type: 3, Content: '你好😀', Conn: null }),
    );

    for (const byte of frame) {
      client.sendRaw(Buffer.from([byte]));
      await new Promise((resolve) => setImmediate(resolve));
    }
    const echo = await client.nextFrame(
      (msg) =>
        msg.Type === MessageType.Chat &&
        !msg.History &&
        msg.Event === undefined,
    );
    expect(echo.Text).toBe('你好😀');
  });

  it('delivers what a client sent just before hanging up, then announces its leave', async () => {
    const watcher = await loggedIn(server);
    const name = uniqueName('brief');
    const brief = await loggedIn(server, name);

    brief.say('last words');
    brief.socket.end();
    const said = await watcher.nextFrame(
      (frame) => frame.Text === 'last words',
    );
    expect(said.Content).toBe(`${name}: last words`);
    const left = await watcher.nextFrame((frame) => frame.Event === 'leave');
    expect(left.Content).toBe(`${name} left`);
  });

  it('survives a connection reset in the middle of a frame', async () => {
    const name = uniqueName('reset');
    const doomed = await loggedIn(server, name);
    doomed.sendRaw(rawFrame('{"Type":3,"Content":"cut', 200));
    doomed.socket.resetAndDestroy();
    await doomed.closed;

    const other = await loggedIn(server);
    other.send({ Type: MessageType.List });
    const list = await other.nextFrame(ofType(MessageType.List));
    expect(list.Users).not.toContain(name);
  });

  it('closes a connection that sends an oversized frame', async () => {
    const client = await server.connect();

    client.sendRaw(rawFrame('x', 4097));
    const refusal = await client.nextFrame(withCode('FRAME_TOO_LARGE'));
    expect(refusal.Content).toBe(
      'That frame is larger than the server accepts.',
    );
    await client.closed;
  });

  it('closes a connection that sends a zero length frame', async () => {
    const client = await server.connect();

    client.sendRaw(Buffer.alloc(4));
    const refusal = await client.nextFrame(withCode('BAD_FRAME'));
    expect(refusal.Content).toBe(
      'A frame of length 0 is not allowed; the connection is closed.',
    );
    await client.closed;
  });

  it('delivers the frames sent before a bad length, then closes', async () => {
    const listener = await loggedIn(server);
    const client = await loggedIn(server);

    client.sendRaw(
      Buffer.concat([
        rawFrame('{"Type":3,"Content":"sent before the bad length"}'),
        Buffer.alloc(4),
        rawFrame('{"Type":3,"Content":"never read"}'),
      ]),
    );
    const line = await listener.nextFrame(
      (frame) => frame.Text === 'sent before the bad length',
    );
    expect(line.History).toBeFalsy();
    await client.nextFrame(withCode('BAD_FRAME'));
    await client.closed;
    const later = await listener.framesWithin(
      300,
      (frame) => frame.Text === 'never read',
    );
    expect(later).toEqual([]);
  });

  it('closes a connection whose frame never finishes arriving', async () => {
    const client = await server.connect();

    client.sendRaw(rawFrame('{"Type":6', 100));
    const refusal = await client.nextFrame(withCode('BAD_FRAME'));
    expect(refusal.Content).toMatch(/did not arrive in time/);
    await client.closed;
  });

  it('closes a connection that does not log in in time', async () => {
    const client = await server.connect();
    const keepAlive = setInterval(
      () => client.send({ Type: 6, Content: 'PING' }),
      200,
    );
    try {
      const refusal = await client.nextFrame(withCode('LOGIN_TIMEOUT'));
      expect(refusal.Content).toBe(
        'No login in time; the connection is closed.',
      );
      await client.closed;
    } finally {
      clearInterval(keepAlive);
    }
  });

  it('answers heartbeats with PONG only for clients that announced a version', async () => {
    const modern = await loggedIn(server);
    const original = await loggedIn(server, uniqueName(), { version: null });

    for (const client of [modern, original]) {
      client.send({ Type: MessageType.Heartbeat, Content: 'PING' });
    }
    const pong = await modern.nextFrame(ofType(MessageType.Heartbeat));
    expect(pong).toMatchObject({ Type: 6, Content: 'PONG' });
    expect(
      await original.framesWithin(200, ofType(MessageType.Heartbeat)),
    ).toEqual([]);
  });

  it('keeps a client that sends heartbeats and drops a silent one, announcing its leave', async () => {
    const watcher = await loggedIn(server);
    const silentName = uniqueName('silent');
    const silent = await loggedIn(server, silentName);
    const keepAlive = setInterval(
      () => watcher.send({ Type: 6, Content: 'PING' }),
      150,
    );
    try {
      const refusal = await silent.nextFrame(withCode('IDLE_TIMEOUT'), 3000);
      expect(refusal.Content).toBe(
        'No sign of life for too long; the connection is closed.',
      );
      await silent.closed;
      const left = await watcher.nextFrame((frame) => frame.Event === 'leave');
      expect(left.Content).toBe(`${silentName} left`);
      expect(watcher.isOpen).toBe(true);
    } finally {
      clearInterval(keepAlive);
    }
  });

  it('replaces an older session of the same user without a leave or join', async () => {
    const watcher = await loggedIn(server);
    const name = uniqueName('twice');
    const first = await loggedIn(server, name);
    await watcher.nextFrame(
      (frame) => frame.Event === 'join' && frame.Sender === name,
    );

    const second = await server.connect();
    expect((await second.login(name, `pw-${name}`)).Content).toBe('OK');
    const replaced = await first.nextFrame(withCode('SESSION_REPLACED'));
    expect(replaced.Content).toBe(
      'You logged in from somewhere else; this session is closed.',
    );
    await first.closed;

    second.say('from the new place');
    await watcher.nextFrame((frame) => frame.Text === 'from the new place');
    const presence = watcher.received.filter(
      (frame) => frame.Sender === name && frame.Event !== undefined,
    );
    expect(presence.map((frame) => frame.Event)).toEqual(['join']);
  });
});
