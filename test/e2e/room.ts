/**
 * The room an end-to-end test file runs in: one server process on a fresh
 * SQLite file for the whole file, and the terminals and raw-protocol
 * users each test opens, closed after that test.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll } from 'vitest';
import { TestClient } from '../helpers/client.ts';
import {
  startServerProcess,
  type ServerProcess,
} from '../helpers/server-process.ts';
import { Terminal, type ClientSetup } from './tmux.ts';

/** What a test reaches of the room. */
export interface E2eRoom {
  /** The server process, once the file's `beforeAll` has run. */
  readonly server: ServerProcess;
  /** Opens a client at its login screen; it is closed after the test. */
  open(
    width?: number,
    height?: number,
    args?: string[],
    setup?: ClientSetup,
  ): Promise<Terminal>;
  /** Closes a terminal opened some other way after the test. */
  track(terminal: Terminal): Terminal;
  /**
   * Registers and logs in `name` over raw frames: someone online without
   * a terminal, to make traffic quickly or send what no keyboard types.
   * Closed after the test.
   */
  rawUser(name: string, password?: string): Promise<TestClient>;
}

/**
 * Registers the hooks that start the room's server with `env` (beside its
 * own DATA_FILE) and stop it after the file, then runs `prepare`.
 */
export function useE2eRoom(
  env: NodeJS.ProcessEnv = {},
  prepare?: (server: ServerProcess) => Promise<void>,
): E2eRoom {
  let server: ServerProcess | undefined;
  let dir: string | undefined;
  const terminals: Terminal[] = [];
  const clients: TestClient[] = [];

  beforeAll(async () => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'termchat-e2e-data-'));
    server = await startServerProcess({
      DATA_FILE: path.join(dir, 'chat.sqlite'),
      ...env,
    });
    await prepare?.(server);
  }, 30_000);
  afterAll(async () => {
    await server?.kill();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });
  afterEach(async () => {
    for (const terminal of terminals.splice(0)) terminal.close();
    await Promise.all(clients.splice(0).map((client) => client.close()));
  });

  const room: E2eRoom = {
    get server() {
      if (!server) throw new Error('the e2e room starts in beforeAll');
      return server;
    },
    async open(width = 80, height = 24, args = [], setup = {}) {
      return room.track(
        await Terminal.open(room.server.port, width, height, args, setup),
      );
    },
    track(terminal) {
      terminals.push(terminal);
      return terminal;
    },
    async rawUser(name, password = 'pw') {
      const client = await TestClient.connect(room.server.port);
      clients.push(client);
      await client.register(name, password);
      await client.login(name, password);
      return client;
    },
  };
  return room;
}
