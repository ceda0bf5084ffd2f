/**
 * The real executable: `bin/termchat-server.mjs` started as a process,
 * with no configuration at all, with bad configuration, and against a
 * MySQL database that was never migrated.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import knexFactory from 'knex';
import { afterEach, describe, expect, it } from 'vitest';
import { TEST_DATABASE_URL } from '../helpers/backends.ts';
import { TestClient, withCode } from '../helpers/client.ts';

const BIN = fileURLToPath(
  new URL('../../bin/termchat-server.mjs', import.meta.url),
);

interface Run {
  child: ChildProcess;
  stdout: string[];
  stderr: string[];
  exited: Promise<number | null>;
}

const runs: Run[] = [];
const dirs: string[] = [];

function run(args: string[], env: NodeJS.ProcessEnv, cwd: string): Run {
  const child = spawn(process.execPath, [BIN, ...args], {
    cwd,
    env: { PATH: process.env.PATH, HOME: process.env.HOME, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const result: Run = {
    child,
    stdout: [],
    stderr: [],
    exited: new Promise((resolve) =>
      child.once('exit', (code) => resolve(code)),
    ),
  };
  child
    .stdout!.setEncoding('utf8')
    .on('data', (text: string) => result.stdout.push(text));
  child
    .stderr!.setEncoding('utf8')
    .on('data', (text: string) => result.stderr.push(text));
  runs.push(result);
  return result;
}

async function tempDir(): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), 'termchat-main-'));
  dirs.push(dir);
  return dir;
}

/** Waits for the startup log line and returns what it says. */
async function listening(
  result: Run,
): Promise<{ port: number; data: string; msg: string }> {
  for (let waited = 0; waited < 15_000; waited += 50) {
    const line = result.stdout
      .join('')
      .split('\n')
      .find((text) => text.includes('"port"'));
    if (line)
      return JSON.parse(line) as { port: number; data: string; msg: string };
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`no startup line; stderr: ${result.stderr.join('')}`);
}

afterEach(async () => {
  for (const result of runs.splice(0)) {
    if (result.child.exitCode === null) result.child.kill('SIGKILL');
  }
  await Promise.all(
    dirs.splice(0).map((dir) => rm(dir, { recursive: true, force: true })),
  );
});

describe('the server executable', () => {
  it('starts on SQLite with no configuration, serves a chat and stops cleanly on SIGTERM', async () => {
    const cwd = await tempDir();
    const server = run([], { PORT: '0' }, cwd);

    const started = await listening(server);
    expect(started.msg).toContain(`listening on 127.0.0.1:${started.port}`);
    expect(started.data).toContain(path.join(cwd, 'data', 'termchat.sqlite'));
    expect(existsSync(path.join(cwd, 'data', 'termchat.sqlite'))).toBe(true);

    const client = await TestClient.connect(started.port);
    expect((await client.register('zoe', 'pw')).Content).toBe('OK');
    expect((await client.login('zoe', 'pw')).Content).toBe('OK');
    client.say('before the end');
    await client.nextFrame((frame) => frame.Text === 'before the end');

    server.child.kill('SIGTERM');
    const notice = await client.nextFrame(withCode('SERVER_SHUTDOWN'));
    expect(notice.Event).toBe('notice');
    await client.closed;
    expect(await server.exited).toBe(0);
  });

  it('prints its version and its options, and exits 0', async () => {
    const dir = await tempDir();
    const version = run(['--version'], {}, dir);
    const help = run(['--help'], {}, dir);

    expect(await version.exited).toBe(0);
    expect(version.stdout.join('')).toMatch(/^\d+\.\d+\.\d+\n$/);
    expect(await help.exited).toBe(0);
    expect(help.stdout.join('')).toContain('--idle-timeout-ms <n>');
    expect(existsSync(path.join(dir, 'data'))).toBe(false);
  });

  it('refuses to start when Redis refuses connections, naming where and why', async () => {
    const server = run(
      [],
      { REDIS_URL: 'redis://127.0.0.1:1', PORT: '0' },
      await tempDir(),
    );

    expect(await server.exited).toBe(1);
    expect(server.stderr.join('')).toBe(
      'termchat-server: Cannot reach Redis at 127.0.0.1:1: connect ECONNREFUSED 127.0.0.1:1\n',
    );
  });

  it('refuses a bad setting with a sentence and exit code 2', async () => {
    const server = run(['--idle-timeout-ms', 'soon'], {}, await tempDir());

    expect(await server.exited).toBe(2);
    expect(server.stderr.join('')).toContain(
      'IDLE_TIMEOUT_MS (--idle-timeout-ms) must be a whole number',
    );
  });

  it('refuses to start on a MySQL database with pending migrations and says how to fix it', async () => {
    const database = `termchat_test_main_${randomBytes(4).toString('hex')}`;
    const admin = knexFactory({
      client: 'mysql2',
      connection: TEST_DATABASE_URL,
    });
    await admin.raw('CREATE DATABASE ??', [database]);
    try {
      const url = new URL(TEST_DATABASE_URL);
      url.pathname = `/${database}`;
      const server = run(
        [],
        { PORT: '0', DATABASE_URL: url.href },
        await tempDir(),
      );

      expect(await server.exited).toBe(1);
      expect(server.stderr.join('')).toMatch(
        /pending migration.*npm run migrate/,
      );
    } finally {
      await admin.raw('DROP DATABASE IF EXISTS ??', [database]);
      await admin.destroy();
    }
  });

  it('refuses to start on a MySQL database that does not exist with one sentence naming npm run migrate', async () => {
    const url = new URL(TEST_DATABASE_URL);
    url.pathname = `/termchat_test_none_${randomBytes(4).toString('hex')}`;
    const server = run(
      [],
      { PORT: '0', DATABASE_URL: url.href, LOG_LEVEL: 'silent' },
      await tempDir(),
    );

    expect(await server.exited).toBe(1);
    const stderr = server.stderr.join('');
    expect(stderr).toMatch(
      /^termchat-server: Cannot open MySQL .*termchat_test_none_\w+: the database does not exist; run `npm run migrate` with the same DATABASE_URL to create it, then start the server again\.\n$/,
    );
  });
});
