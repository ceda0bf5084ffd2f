import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { MessageType, type Message } from '../../shared/protocol.ts';
import { prepareTls } from '../net/secure-socket.ts';
import type { FakePeer } from '../testing/fake-server.ts';
import { mountApp, type MountedApp } from '../testing/mount-app.tsx';

let app: MountedApp;
afterEach(() => app.close());

describe('LoginScreen', () => {
  it('masks the password as it is typed', async () => {
    app = await mountApp();
    await app.type('alice', '\t', 'sécret');
    const screen = await app.waitFor((text) => text.includes('******'));
    expect(screen).toContain('alice');
    expect(screen).not.toContain('sécret');
  });

  it('logs in with version 1 and opens the chat screen', async () => {
    app = await mountApp();
    await app.type('alice', '\t', 'pw', '\r');
    const screen = await app.waitFor((text) => text.includes('● online'));
    expect(screen).toContain('Online (');
    const login = await app.server.waitForFrame(
      (frame) => frame.Type === MessageType.Login,
    );
    expect(login).toMatchObject({ Sender: 'alice', Content: 'pw', Version: 1 });
  });

  it('registers with Ctrl+R, then logs in automatically', async () => {
    app = await mountApp();
    await app.type('newbie', '\t', 'pw', '\x12');
    await app.waitFor((text) => text.includes('[x] Register'));
    await app.type('\r');
    await app.waitFor((text) => text.includes('● online'));
    expect(app.server.received.slice(0, 2).map((frame) => frame.Type)).toEqual([
      MessageType.Register,
      MessageType.Login,
    ]);
  });

  it('shows the server’s refusal in place and keeps the form for another try', async () => {
    app = await mountApp();
    app.server.onFrame = (peer, frame) => {
      if (frame.Type !== MessageType.Login) return;
      const ok = frame.Content === 'good';
      peer.send(
        1,
        ok
          ? { Content: 'OK', Sender: frame.Sender }
          : { Content: 'Wrong password; try again.', Code: 'WRONG_PASSWORD' },
      );
    };
    await app.type('alice', '\t', 'bad', '\r');
    const screen = await app.waitFor((text) =>
      text.includes('Wrong password; try again.'),
    );
    expect(screen).toContain('alice');
    await app.type('\x7f\x7f\x7f', 'good', '\r');
    await app.waitFor((text) => text.includes('● online'));
  });

  it('explains an invalid registration name without contacting the server', async () => {
    app = await mountApp();
    await app.type('admin', '\t', 'pw', '\x12', '\r');
    await app.waitFor((text) =>
      text.includes('That name is reserved; pick another.'),
    );
    expect(app.server.received).toEqual([]);
  });

  it('says when the server cannot be reached', async () => {
    app = await mountApp();
    await app.server.close();
    await app.type('alice', '\t', 'pw', '\r');
    await app.waitFor((text) => text.includes('Cannot reach 127.0.0.1:'));
  });

  it('reconnects quietly when the server dropped the form’s idle connection', async () => {
    app = await mountApp();
    app.server.onFrame = passwordIsGood;
    await app.type('alice', '\t', 'bad', '\r');
    await app.waitFor((text) => text.includes('Wrong password; try again.'));

    // The server closes a connection that has not logged in for 15 s.
    for (const peer of app.server.peers) peer.socket.destroy();
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(app.screen()).not.toContain('Cannot reach');
    expect(app.screen()).toContain('Wrong password; try again.');

    await app.type('\x7f\x7f\x7f', 'good', '\r');
    await app.waitFor((text) => text.includes('● online'));
  });

  it('keeps no connection open while the user retypes after a refusal', async () => {
    app = await mountApp();
    app.server.onFrame = passwordIsGood;
    await app.type('alice', '\t', 'bad', '\r');
    await app.waitFor((text) => text.includes('Wrong password; try again.'));
    await waitUntil(() => app.server.peers[0]!.socket.readableEnded);

    await app.type('\x7f\x7f\x7f', 'good', '\r');
    await app.waitFor((text) => text.includes('● online'));
    expect(app.server.peers).toHaveLength(2);
  });

  it('says in a sentence that a plain server does not speak TLS', async () => {
    const knownHostsFile = path.join(
      mkdtempSync(path.join(tmpdir(), 'termchat-kh-')),
      'known_hosts',
    );
    app = await mountApp({
      session: { tls: prepareTls({ knownHostsFile }) },
    });
    await app.type('alice', '\t', 'pw', '\r');
    const screen = await app.waitFor((text) => text.includes('TLS'));
    expect(screen.replace(/\s+/g, ' ')).toContain(
      `The server at 127.0.0.1:${app.server.port} does not speak TLS; leave out --tls, or check the port.`,
    );
    expect(screen).not.toMatch(/openssl|ssl3_get_record|Cannot reach/);
  });
});

/** Accepts the password "good" and refuses any other. */
function passwordIsGood(peer: FakePeer, frame: Message): void {
  if (frame.Type !== MessageType.Login) return;
  peer.send(
    1,
    frame.Content === 'good'
      ? { Content: 'OK', Sender: frame.Sender }
      : { Content: 'Wrong password; try again.', Code: 'WRONG_PASSWORD' },
  );
}

async function waitUntil(check: () => boolean): Promise<void> {
  const deadline = Date.now() + 3000;
  while (!check()) {
    if (Date.now() > deadline) throw new Error('Timed out waiting.');
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}
