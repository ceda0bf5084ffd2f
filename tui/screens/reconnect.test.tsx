import { afterEach, describe, expect, it } from 'vitest';
import { MessageType } from '../../shared/protocol.ts';
import { mountLoggedIn, type MountedApp } from '../testing/mount-app.tsx';

let app: MountedApp;
afterEach(() => app.close());

const CTRL_R = '\x12';
const HINT = 'Not connected, so nothing was sent; the line is kept.';
const peer = (index: number) => app.server.peers[index]!;
const logins = () =>
  app.server.received.filter((frame) => frame.Type === MessageType.Login);

async function takeOver(): Promise<string> {
  peer(0).send(MessageType.Chat, {
    Event: 'error',
    Code: 'SESSION_REPLACED',
    Content: 'You logged in from somewhere else; this session is closed.',
  });
  peer(0).socket.end();
  return app.waitFor((text) => text.includes('✕ offline'));
}

describe('ChatScreen around a lost connection', () => {
  it('says a takeover replaced the session and empties the online list', async () => {
    app = await mountLoggedIn();
    peer(0).send(MessageType.List, {
      Content: 'Online (2): alice, bob',
      Users: ['alice', 'bob'],
    });
    await app.waitFor((text) => text.includes('Online (2)'));

    const screen = await takeOver();
    expect(screen).toContain('✕ offline: replaced by a login elsewhere');
    expect(screen).toContain('Online (0)');
    expect(screen).not.toMatch(/│ {2}bob/);
  });

  it('tells a takeover once in the messages pane, in the words of the status line', async () => {
    app = await mountLoggedIn();
    const screen = await takeOver();
    expect(screen).not.toContain('You logged in from somewhere else');
    const errors = app.store
      .getState()
      .lines.filter((line) => line.kind === 'error');
    expect(errors.map((line) => line.text)).toEqual([
      'Connection lost: replaced by a login elsewhere.',
    ]);
  });

  it('tells a server shutdown once, as the reason the connection was lost', async () => {
    app = await mountLoggedIn('alice', {
      session: { retryDelaysMs: [60_000] },
    });
    peer(0).send(MessageType.Chat, {
      Event: 'notice',
      Code: 'SERVER_SHUTDOWN',
      Content: 'The server is shutting down.',
    });
    peer(0).socket.end();
    const screen = await app.waitFor((text) => text.includes('✕ offline'));
    expect(screen).toContain('the server shut down');
    expect(screen).not.toContain('The server is shutting down.');
    const told = app.store
      .getState()
      .lines.filter((line) => line.kind === 'error' || line.kind === 'notice');
    expect(told.map((line) => line.text)).toEqual([
      'Connection lost: the server shut down. Reconnecting…',
    ]);
  });

  it('offers a retry again after Ctrl+R logged back in following a takeover', async () => {
    app = await mountLoggedIn();
    await takeOver();
    await app.type(CTRL_R);
    await app.waitFor((text) => text.includes('Reconnected.'));
    expect(logins()).toHaveLength(2);

    peer(1).socket.destroy();
    const screen = await app.waitFor((text) => text.includes('✕ offline'));
    expect(screen).toContain('Ctrl+R now');
    expect(screen).toContain('Reconnecting…');
  });

  it('takes the not-connected hint away once reconnected, keeping the line', async () => {
    app = await mountLoggedIn();
    peer(0).socket.destroy();
    await app.waitFor((text) => text.includes('✕ offline'));
    await app.type('still here', '\r');
    await app.waitFor((text) => text.includes(HINT));

    await app.type(CTRL_R);
    const screen = await app.waitFor(
      (text) => text.includes('Reconnected.') && !text.includes(HINT),
    );
    expect(screen).toContain('● online');
    expect(screen).toContain('> still here');
  });

  it('keeps an error about the line itself across a reconnect', async () => {
    app = await mountLoggedIn();
    await app.type('To:bob hi', '\r');
    await app.waitFor((text) =>
      text.includes('Private messages look like To:name-->text.'),
    );
    peer(0).socket.destroy();
    await app.waitFor((text) => text.includes('✕ offline'));

    await app.type(CTRL_R);
    const screen = await app.waitFor((text) => text.includes('Reconnected.'));
    expect(screen).toContain('Private messages look like To:name-->text.');
  });
});
