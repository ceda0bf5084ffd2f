/**
 * Throw-away Redis and MariaDB servers for outage tests: each runs on a
 * spare port with its own data folder, so a test can stop and restart it
 * without touching the shared services on 6379 and 3306.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createConnection } from 'mysql2/promise';
import { Redis } from 'ioredis';

/** A local port nothing listens on right now. */
export async function sparePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** A server process that can be stopped and started on the same port. */
export interface PrivateService {
  port: number;
  url: string;
  start(): Promise<void>;
  /** Stops it cleanly (SIGTERM) and waits until it has exited. */
  stop(): Promise<void>;
  /** Kills it as a crash would (SIGKILL): no shutdown, no last write. */
  kill(): Promise<void>;
  /** Freezes the process (SIGSTOP): connections stay open, nothing answers. */
  pause(): Promise<void>;
  /** Lets a paused process run again. */
  resume(): void;
  /** Stops it for good and deletes its data. */
  destroy(): Promise<void>;
}

/**
 * A redis-server on a spare port: without persistence, or with an
 * append-only file in `appendOnlyDir` synced on every write, so data
 * survives a stop and start.
 */
export async function privateRedis(
  options: { appendOnlyDir?: string } = {},
): Promise<PrivateService> {
  const port = await sparePort();
  const args = ['--port', String(port), '--bind', '127.0.0.1'];
  args.push('--save', '');
  if (options.appendOnlyDir) {
    args.push('--dir', options.appendOnlyDir);
    args.push('--appendonly', 'yes', '--appendfsync', 'always');
  } else {
    args.push('--appendonly', 'no');
  }
  const service = managed('redis-server', args, () => redisAnswers(port));
  const url = `redis://127.0.0.1:${port}`;
  await service.start();
  return { port, url, ...service, destroy: service.stop };
}

/**
 * A mariadbd on a spare port with an empty data folder of its own.
 *
 * Note: it runs with --skip-grant-tables (anyone may connect as root with
 * no password), which also lets it start without mariadb-install-db; fine
 * for a server that lives for one test file on 127.0.0.1.
 */
export async function privateMariadb(): Promise<PrivateService> {
  const port = await sparePort();
  const dir = await mkdtemp(path.join(tmpdir(), 'termchat-mariadb-'));
  const args = [
    '--no-defaults',
    `--datadir=${path.join(dir, 'data')}`,
    `--socket=${path.join(dir, 'mariadb.sock')}`,
    `--pid-file=${path.join(dir, 'mariadb.pid')}`,
    `--log-error=${path.join(dir, 'error.log')}`,
    `--port=${port}`,
    '--bind-address=127.0.0.1',
    '--user=root',
    '--skip-grant-tables',
    '--skip-name-resolve',
    '--skip-log-bin',
    '--innodb-buffer-pool-size=16M',
  ];
  await mkdir(path.join(dir, 'data'));
  const service = managed(
    'mariadbd',
    args,
    () => mariadbAnswers(port),
    () => readFile(path.join(dir, 'error.log'), 'utf8').catch(() => ''),
  );
  const url = `mysql://root@127.0.0.1:${port}`;
  await service.start();
  return {
    port,
    url,
    ...service,
    async destroy() {
      await service.stop();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

function managed(
  command: string,
  args: string[],
  isReady: () => Promise<boolean>,
  diagnostics: () => Promise<string> = async () => '',
) {
  let child: ChildProcess | undefined;
  let output = '';

  return {
    async start() {
      if (child) return;
      output = '';
      const started = spawn(command, args, { stdio: 'pipe' });
      started.stdout?.on('data', (chunk) => (output += chunk));
      started.stderr?.on('data', (chunk) => (output += chunk));
      started.on('exit', () => {
        if (child === started) child = undefined;
      });
      child = started;
      const deadline = Date.now() + 20_000;
      while (Date.now() < deadline) {
        if (await isReady()) return;
        if (!child) break;
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      started.kill('SIGKILL');
      throw new Error(
        `${command} did not start: ${output}${await diagnostics()}`.slice(
          0,
          4000,
        ),
      );
    },
    async pause() {
      if (!child?.pid) throw new Error(`${command} is not running`);
      child.kill('SIGSTOP');
      // The signal is asynchronous; wait until the kernel reports the
      // process as stopped so no query slips through first.
      await untilStopped(child.pid);
    },
    resume() {
      child?.kill('SIGCONT');
    },
    async kill() {
      const running = child;
      if (!running) return;
      child = undefined;
      const exited = new Promise((resolve) => running.once('exit', resolve));
      running.kill('SIGKILL');
      await exited;
    },
    async stop() {
      const running = child;
      if (!running) return;
      child = undefined;
      const exited = new Promise((resolve) => running.once('exit', resolve));
      running.kill('SIGTERM');
      running.kill('SIGCONT');
      const timer = setTimeout(() => running.kill('SIGKILL'), 15_000);
      await exited;
      clearTimeout(timer);
    },
  };
}

async function untilStopped(pid: number): Promise<void> {
  for (let attempt = 0; attempt < 100; attempt++) {
    const stat = await readFile(`/proc/${pid}/stat`, 'utf8');
    const state = stat.slice(stat.lastIndexOf(')') + 2).split(' ')[0];
    if (state === 'T' || state === 't') return;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  throw new Error(`process ${pid} did not stop`);
}

async function redisAnswers(port: number): Promise<boolean> {
  const redis = new Redis({
    port,
    host: '127.0.0.1',
    lazyConnect: true,
    retryStrategy: () => null,
    maxRetriesPerRequest: 0,
  });
  redis.on('error', () => {});
  try {
    await redis.connect();
    return (await redis.ping()) === 'PONG';
  } catch {
    return false;
  } finally {
    redis.disconnect();
  }
}

async function mariadbAnswers(port: number): Promise<boolean> {
  try {
    const connection = await createConnection({
      host: '127.0.0.1',
      port,
      user: 'root',
      connectTimeout: 1_000,
    });
    await connection.end();
    return true;
  } catch {
    return false;
  }
}
