import { describe, expect, it } from 'vitest';
import { TestClient } from '../helpers/client.ts';
import { useE2eRoom } from './room.ts';

const room = useE2eRoom(
  {
    // A connection that has not logged in is closed after a second, so
    // the test need not wait the default 15 s.
    LOGIN_TIMEOUT_MS: '1000',
  },
  async (server) => {
    const client = await TestClient.connect(server.port);
    await client.register('gina', 'right');
    await client.close();
  },
);

const open = (args: string[] = []) => room.open(80, 24, args);

/** The screen's words on one line, so a wrapped sentence reads whole. */
const flat = (screen: string) => screen.replace(/\s+/g, ' ');

describe('the login screen in a real terminal', { timeout: 60_000 }, () => {
  it('logs in after a refusal and a long pause, with no false alarm', async () => {
    const terminal = await open();
    await terminal.type('gina');
    await terminal.keys('Tab');
    await terminal.type('wrong');
    await terminal.keys('Enter');
    await terminal.waitFor((screen) =>
      screen.includes('Wrong password; try again.'),
    );

    // Longer than the server waits for a login on an open connection.
    await new Promise((resolve) => setTimeout(resolve, 2500));
    const paused = await terminal.screen();
    expect(paused).toContain('Wrong password; try again.');
    expect(paused).not.toContain('Cannot reach');

    await terminal.keys('C-u');
    await terminal.type('right');
    await terminal.keys('Enter');
    await terminal.waitFor((screen) => screen.includes('● online'));
  });

  it('says the server does not speak TLS when --tls meets plain TCP', async () => {
    const terminal = await open(['--tls']);
    await terminal.type('gina');
    await terminal.keys('Tab');
    await terminal.type('right');
    await terminal.keys('Enter');
    const screen = await terminal.waitFor((text) =>
      flat(text).includes('does not speak TLS'),
    );
    expect(flat(screen)).toContain(
      `The server at 127.0.0.1:${room.server.port} does not speak TLS; leave out --tls, or check the port.`,
    );
    expect(screen).not.toMatch(/openssl|ssl3_get_record|deps\//);
  });
});
