import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { TestClient } from '../helpers/client.ts';
import {
  startServerProcess,
  type ServerProcess,
} from '../helpers/server-process.ts';
import { Terminal } from './tmux.ts';

let server: ServerProcess;
const terminals: Terminal[] = [];

beforeAll(async () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'termchat-e2e-data-'));
  server = await startServerProcess({
    DATA_FILE: path.join(dir, 'chat.sqlite'),
    // A connection that has not logged in is closed after a second, so
    // the test need not wait the default 15 s.
    LOGIN_TIMEOUT_MS: '1000',
  });
  const client = await TestClient.connect(server.port);
  await client.register('gina', 'right');
  await client.close();
}, 30_000);
afterAll(() => server?.kill());
afterEach(() => {
  for (const terminal of terminals.splice(0)) terminal.close();
});

async function open(args: string[] = []): Promise<Terminal> {
  const terminal = await Terminal.open(server.port, 80, 24, args);
  terminals.push(terminal);
  return terminal;
}

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
      `The server at 127.0.0.1:${server.port} does not speak TLS; leave out --tls, or check the port.`,
    );
    expect(screen).not.toMatch(/openssl|ssl3_get_record|deps\//);
  });
});
