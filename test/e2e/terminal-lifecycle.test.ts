import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { TestClient } from '../helpers/client.ts';
import {
  startServerProcess,
  type ServerProcess,
} from '../helpers/server-process.ts';
import { Terminal } from './tmux.ts';

const servers: ServerProcess[] = [];
const terminals: Terminal[] = [];

afterEach(async () => {
  for (const terminal of terminals.splice(0)) terminal.close();
  await Promise.all(servers.splice(0).map((server) => server.kill()));
});

async function serve(dataFile: string, port = 0): Promise<ServerProcess> {
  const server = await startServerProcess({
    DATA_FILE: dataFile,
    PORT: String(port),
  });
  servers.push(server);
  return server;
}

function dataFile(): string {
  return path.join(
    mkdtempSync(path.join(os.tmpdir(), 'termchat-e2e-data-')),
    'chat.sqlite',
  );
}

async function open(port: number): Promise<Terminal> {
  const terminal = await Terminal.open(port);
  terminals.push(terminal);
  return terminal;
}

const NOT_SENT = 'Not connected, so nothing was sent; the line is kept.';

const paneState = (terminal: Terminal) =>
  terminal.tmux(
    'display-message',
    '-p',
    '-t',
    'main',
    '#{alternate_on} #{pane_dead}',
  );

async function waitForExit(terminal: Terminal): Promise<string> {
  const deadline = Date.now() + 10_000;
  for (;;) {
    const state = (await paneState(terminal)).trim();
    if (state.endsWith(' 1') || Date.now() > deadline) return state;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe('the client in a real terminal', { timeout: 60_000 }, () => {
  it('uses the alternate screen and restores the terminal on /quit and on Ctrl+C', async () => {
    const server = await serve(dataFile());
    const [quitter, interrupter] = await Promise.all([
      open(server.port),
      open(server.port),
    ]);
    expect((await paneState(quitter)).trim()).toBe('1 0');

    await quitter.login('quitter', 'pw', true);
    await interrupter.login('interrupter', 'pw', true);
    await quitter.send('/quit');
    expect(await waitForExit(quitter)).toBe('0 1');
    await interrupter.waitFor((screen) => screen.includes('quitter left'));

    await interrupter.keys('C-c');
    expect(await waitForExit(interrupter)).toBe('0 1');
  });

  it('puts the terminal cursor where the user types, for input methods', async () => {
    const server = await serve(dataFile());
    const terminal = await open(server.port);
    await terminal.login('typist', 'pw', true);
    await terminal.type('abc 你好');
    await terminal.keys('Left');
    await terminal.waitFor((screen) => screen.includes('> abc 你好'));
    const deadline = Date.now() + 5000;
    let cursor = '';
    while (Date.now() < deadline) {
      cursor = (
        await terminal.tmux(
          'display-message',
          '-p',
          '-t',
          'main',
          '#{cursor_x},#{cursor_y}',
        )
      ).trim();
      if (cursor === '9,19') break;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    // "│> abc 你" is 9 cells; the input line is row 19 of 24.
    expect(cursor).toBe('9,19');
  });

  it('shows a lost server in the status line, keeps a line typed meanwhile, then reconnects and logs in again', async () => {
    const file = dataFile();
    const server = await serve(file);
    const terminal = await open(server.port);
    await terminal.login('steady', 'pw', true);
    await terminal.send('before the outage');
    await terminal.waitFor((screen) =>
      screen.includes('steady: before the outage'),
    );

    await server.kill();
    const offline = await terminal.waitFor((screen) =>
      screen.includes('✕ offline'),
    );
    expect(offline).toContain('Connection lost');
    expect((await paneState(terminal)).trim()).toBe('1 0');
    await terminal.send('after the outage');
    await terminal.waitFor((screen) => screen.includes(NOT_SENT));

    await serve(file, server.port);
    const back = await terminal.waitFor(
      (screen) =>
        screen.includes('● online') && screen.includes('Reconnected.'),
      20_000,
    );
    expect(back).not.toContain(NOT_SENT);
    expect(back).toContain('> after the outage');
    await terminal.keys('Enter');
    const screen = await terminal.waitFor((text) =>
      text.includes('steady: after the outage'),
    );
    expect(screen.match(/before the outage/g)).toHaveLength(1);
  });

  it('after a takeover and a Ctrl+R, reconnects on its own when the server restarts', async () => {
    const file = dataFile();
    const server = await serve(file);
    const terminal = await open(server.port);
    await terminal.login('twice', 'pw', true);

    const elsewhere = await TestClient.connect(server.port);
    try {
      await elsewhere.login('twice', 'pw');
      const replaced = await terminal.waitFor((screen) =>
        screen.includes('✕ offline: replaced by a login elsewhere'),
      );
      expect(replaced).toContain('Online (0)');
      expect(replaced).not.toContain('You logged in from somewhere else');
      expect(replaced.match(/Connection lost: replaced/g)).toHaveLength(1);
    } finally {
      await elsewhere.close();
    }
    await terminal.keys('C-r');
    await terminal.waitFor((screen) => screen.includes('Reconnected.'));

    await server.kill();
    await terminal.waitFor((screen) => screen.includes('Reconnecting…'));
    await serve(file, server.port);
    const screen = await terminal.waitFor(
      (text) =>
        text.includes('● online') && text.match(/Reconnected\./g)?.length === 2,
      20_000,
    );
    expect(screen).not.toContain('✕ offline');
  });
});
