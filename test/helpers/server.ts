/**
 * Starts a real server in-process on a free port for integration tests,
 * on a backend from test/helpers/backends.ts, with short timeouts and no
 * log output unless TEST_LOG_LEVEL asks for it.
 */
import { DEFAULT_CONFIG, type Config } from '../../server/config.ts';
import { NO_LIMITS } from '../../server/limits/limit-settings.ts';
import { startServer, type RunningServer } from '../../server/listen.ts';
import { createLogger } from '../../server/logger.ts';
import type { Backend } from './backends.ts';
import { TestClient } from './client.ts';

/**
 * The settings tests start from: port 0, quiet, abuse limits off (tests
 * of the limits turn them on), defaults otherwise.
 */
export const TEST_CONFIG: Config = {
  ...DEFAULT_CONFIG,
  ...NO_LIMITS,
  host: '127.0.0.1',
  port: 0,
  logLevel: process.env.TEST_LOG_LEVEL ?? 'silent',
};

/** A server under test and a way to connect clients to it. */
export interface TestServer extends RunningServer {
  /** Opens a new raw-frame client on the server. */
  connect(): Promise<TestClient>;
  /** Closes every client `connect` opened that is still open. */
  closeClients(): Promise<void>;
}

/** Opens stores on `backend` and starts a server on them. */
export async function startTestServer(
  backend: Backend,
  overrides: Partial<Config> = {},
): Promise<TestServer> {
  const config = { ...TEST_CONFIG, ...overrides };
  const stores = await backend.open();
  const logger = createLogger(config.logLevel);
  const server = await startServer({ config, stores, logger });
  const clients = new Set<TestClient>();
  return {
    ...server,
    async connect() {
      const client = await TestClient.connect(server.port);
      clients.add(client);
      return client;
    },
    async closeClients() {
      await Promise.all([...clients].map((client) => client.close()));
      clients.clear();
    },
  };
}

let counter = 0;

/** A user name no other test in this process uses. */
export function uniqueName(prefix = 'u'): string {
  counter += 1;
  return `${prefix}${process.pid % 10000}x${counter}`;
}

/** Registers and logs in a new user; resolves with the client. */
export async function loggedIn(
  server: TestServer,
  name: string = uniqueName(),
  options: { version?: number | null; password?: string } = {},
): Promise<TestClient> {
  const password = options.password ?? `pw-${name}`;
  const client = await server.connect();
  const registered = await client.register(name, password);
  if (registered.Content !== 'OK') {
    throw new Error(`register ${name} failed: ${registered.Content}`);
  }
  const reply = await client.login(
    name,
    password,
    options.version === undefined ? 1 : options.version,
  );
  if (reply.Content !== 'OK')
    throw new Error(`login ${name} failed: ${reply.Content}`);
  return client;
}
