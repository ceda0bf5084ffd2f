import { afterEach, describe, expect, it } from 'vitest';
import { MessageType, type Message } from '../../shared/protocol.ts';
import {
  acceptEveryone,
  startFakeServer,
  type FakeServer,
} from '../testing/fake-server.ts';
import {
  ChatSession,
  REPLACED_REASON,
  type LinkState,
} from './chat-session.ts';

let server: FakeServer;
let session: ChatSession | null = null;

afterEach(async () => {
  session?.quit();
  session = null;
  await server?.close();
});

function open(
  options: Partial<ConstructorParameters<typeof ChatSession>[0]> = {},
) {
  session = new ChatSession({
    host: '127.0.0.1',
    port: server.port,
    retryDelaysMs: [50],
    ...options,
  });
  return session;
}

function next<T>(emit: (resolve: (value: T) => void) => void): Promise<T> {
  return new Promise(emit);
}

describe('ChatSession', () => {
  it('registers, then logs in with the same name, announcing version 1', async () => {
    server = await startFakeServer();
    server.onFrame = acceptEveryone;
    const chat = open();
    const loggedIn = next<string>((resolve) => chat.once('loggedIn', resolve));

    chat.authenticate('register', 'alice', 'pw');

    expect(await loggedIn).toBe('alice');
    expect(
      server.received.map((frame) => [
        frame.Type,
        frame.Sender,
        frame.Content,
        frame.Version,
      ]),
    ).toEqual([
      [MessageType.Register, 'alice', 'pw', 1],
      [MessageType.Login, 'alice', 'pw', 1],
    ]);
    expect(chat.link.kind).toBe('online');
  });

  it('reports a refused login, hangs up, and tries again on a new connection', async () => {
    server = await startFakeServer();
    server.onFrame = (peer, frame) => {
      const ok = frame.Content === 'right';
      peer.send(1, {
        Content: ok ? 'OK' : 'Wrong password; try again.',
        Code: ok ? undefined : 'WRONG_PASSWORD',
      });
    };
    const chat = open();
    const refused = next<string>((resolve) => chat.once('refused', resolve));
    chat.authenticate('login', 'alice', 'wrong');
    expect(await refused).toBe('Wrong password; try again.');
    // The server would close it unlogged after 15 s while the user types.
    expect(chat.link.kind).toBe('idle');

    const loggedIn = next<string>((resolve) => chat.once('loggedIn', resolve));
    chat.authenticate('login', 'alice', 'right');
    await loggedIn;
    expect(server.peers).toHaveLength(2);
  });

  it('sends a heartbeat on its interval', async () => {
    server = await startFakeServer();
    server.onFrame = acceptEveryone;
    const chat = open({ heartbeatMs: 30 });
    chat.authenticate('login', 'alice', 'pw');
    const ping = await server.waitForFrame(
      (frame) => frame.Type === MessageType.Heartbeat,
    );
    expect(ping.Content).toBe('PING');
  });

  it('goes offline when the server vanishes, then reconnects and logs in again', async () => {
    server = await startFakeServer();
    server.onFrame = acceptEveryone;
    const chat = open();
    const links: LinkState['kind'][] = [];
    chat.on('link', (link) => links.push(link.kind));
    const first = next<boolean>((resolve) =>
      chat.once('loggedIn', (_name, again) => resolve(again)),
    );
    chat.authenticate('login', 'alice', 'secret');
    expect(await first).toBe(false);

    const relogin = next<boolean>((resolve) =>
      chat.once('loggedIn', (_name, again) => resolve(again)),
    );
    server.peers[0]!.socket.destroy();
    expect(await relogin).toBe(true);

    expect(links).toEqual([
      'connecting',
      'online',
      'offline',
      'connecting',
      'online',
    ]);
    const logins = server.received.filter(
      (frame) => frame.Type === MessageType.Login,
    );
    expect(logins.map((frame) => frame.Content)).toEqual(['secret', 'secret']);
  });

  it('keeps retrying a login again refused for a while, and stops at a changed password', async () => {
    server = await startFakeServer();
    const refusals = [
      { Code: 'LOGIN_TOO_OFTEN', Content: 'Logged in too often; wait 9 s.' },
      { Code: 'STORE_UNAVAILABLE', Content: 'Accounts are unavailable.' },
    ] as const;
    let logins = 0;
    server.onFrame = (peer, frame) => {
      if (frame.Type !== MessageType.Login) return;
      logins += 1;
      const refusal = logins === 1 ? undefined : refusals[logins - 2];
      peer.send(MessageType.Register, refusal ?? { Content: 'OK' });
    };
    const chat = open();
    const refused: string[] = [];
    chat.on('refused', (reason) => refused.push(reason));
    const first = next((resolve) => chat.once('loggedIn', resolve));
    chat.authenticate('login', 'alice', 'secret');
    await first;

    const relogin = next<boolean>((resolve) =>
      chat.once('loggedIn', (_name, again) => resolve(again)),
    );
    server.peers[0]!.socket.destroy();
    expect(await relogin).toBe(true);
    expect(logins).toBe(4);
    // Told once; the retry after it shows in the status line only.
    expect(refused).toEqual([refusals[0].Content]);

    server.onFrame = (peer, frame) => {
      if (frame.Type !== MessageType.Login) return;
      peer.send(MessageType.Register, {
        Code: 'WRONG_PASSWORD',
        Content: 'Wrong password.',
      });
    };
    const stopped = next<LinkState>((resolve) =>
      chat.on('link', (link) => {
        if (link.kind === 'offline' && link.reason === 'Wrong password.')
          resolve(link);
      }),
    );
    server.peers.at(-1)!.socket.destroy();
    expect(await stopped).toMatchObject({ retryAt: null });
  });

  it('does not reconnect after the session was replaced by another login', async () => {
    server = await startFakeServer();
    server.onFrame = acceptEveryone;
    const chat = open();
    await next((resolve) => {
      chat.once('loggedIn', resolve);
      chat.authenticate('login', 'alice', 'pw');
    });
    const messages: Message[] = [];
    chat.on('message', (frame) => messages.push(frame));
    const offline = next<LinkState>((resolve) =>
      chat.on('link', (link) => link.kind === 'offline' && resolve(link)),
    );
    const peer = server.peers[0]!;
    peer.send(MessageType.Chat, {
      Event: 'error',
      Code: 'SESSION_REPLACED',
      Content: 'replaced',
    });
    peer.socket.end();

    const link = await offline;
    expect(link).toEqual({
      kind: 'offline',
      reason: REPLACED_REASON,
      retryAt: null,
    });
    expect(messages).toEqual([]);
    await new Promise((resolve) => setTimeout(resolve, 150));
    expect(server.peers).toHaveLength(1);
  });

  it('retries on its own again once Ctrl+R logged back in after a takeover', async () => {
    server = await startFakeServer();
    server.onFrame = acceptEveryone;
    const chat = open();
    const loggedIn = () =>
      next((resolve) => chat.once('loggedIn', () => resolve(undefined)));
    const offline = () =>
      next<LinkState>((resolve) => {
        const listener = (link: LinkState) => {
          if (link.kind !== 'offline') return;
          chat.off('link', listener);
          resolve(link);
        };
        chat.on('link', listener);
      });
    const first = loggedIn();
    chat.authenticate('login', 'alice', 'pw');
    await first;

    const replaced = offline();
    server.peers[0]!.send(MessageType.Chat, {
      Event: 'error',
      Code: 'SESSION_REPLACED',
      Content: 'replaced',
    });
    server.peers[0]!.socket.end();
    expect(await replaced).toMatchObject({ retryAt: null });

    const manual = loggedIn();
    chat.reconnectNow();
    await manual;
    expect(server.peers).toHaveLength(2);

    const lost = offline();
    const automatic = loggedIn();
    server.peers[1]!.socket.destroy();
    const link = await lost;
    expect(link.kind === 'offline' && link.retryAt).not.toBeNull();
    expect(link).toMatchObject({ reason: 'the server closed the connection' });
    await automatic;
    expect(server.peers).toHaveLength(3);
  });

  it('passes room frames on after login and drops malformed frames', async () => {
    server = await startFakeServer();
    server.onFrame = acceptEveryone;
    const chat = open();
    const frames: Message[] = [];
    chat.on('message', (frame) => frames.push(frame));
    await next((resolve) => {
      chat.once('loggedIn', resolve);
      chat.authenticate('login', 'alice', 'pw');
    });
    const peer = server.peers[0]!;
    peer.socket.write(Buffer.from([0, 0, 0, 3, 0x7b, 0x7d, 0x20]));
    peer.send(MessageType.Chat, {
      Sender: 'bob',
      Content: 'bob: hi',
      Text: 'hi',
    });
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(frames).toHaveLength(1);
    expect(frames[0]).toMatchObject({ Sender: 'bob', Text: 'hi' });
  });
});
