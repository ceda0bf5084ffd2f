/**
 * The server process refusing to start: an address or port it cannot
 * listen on, and a DATA_FILE under /proc or /sys, each with a sentence
 * naming the setting instead of a bare system error or a hang.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startServerProcess } from '../helpers/server-process.ts';

const cleanups: Array<() => Promise<unknown>> = [];

afterEach(async () => {
  await Promise.all(cleanups.splice(0).map((cleanup) => cleanup()));
});

/** A SQLite path in a fresh temp folder. */
async function dataFile(): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), 'termchat-startup-'));
  cleanups.push(() => rm(dir, { recursive: true, force: true }));
  return path.join(dir, 'termchat.sqlite');
}

/** Something else listening on a local port. */
async function occupiedPort(): Promise<number> {
  const other: Server = createServer();
  await new Promise<void>((resolve) => other.listen(0, '127.0.0.1', resolve));
  cleanups.push(() => new Promise((resolve) => other.close(resolve)));
  return (other.address() as { port: number }).port;
}

describe('the server refuses to start', () => {
  it('on a busy port, naming PORT and what to do', async () => {
    const port = await occupiedPort();

    await expect(
      startServerProcess({ PORT: String(port), DATA_FILE: await dataFile() }),
    ).rejects.toThrow(
      `the server exited (1): termchat-server: Port ${port} is in use (PORT/--port): stop the other server or pick another port.\n`,
    );
  }, 30_000);

  it('on an address that does not exist, naming HOST', async () => {
    await expect(
      startServerProcess({ HOST: '999.1.1.1', DATA_FILE: await dataFile() }),
    ).rejects.toThrow(
      'the server exited (1): termchat-server: Cannot listen on 999.1.1.1:0 (HOST/--host): no such address.\n',
    );
  }, 30_000);

  it('on an address of another machine, naming HOST', async () => {
    await expect(
      startServerProcess({ HOST: '192.0.2.1', DATA_FILE: await dataFile() }),
    ).rejects.toThrow(
      'the server exited (1): termchat-server: Cannot listen on 192.0.2.1:0 (HOST/--host): this machine has no such address.\n',
    );
  }, 30_000);

  it.each(['/proc/nope/x.sqlite', '/sys/nope/x.sqlite'])(
    'with DATA_FILE=%s, at once instead of spinning',
    async (file) => {
      const started = Date.now();
      const kernel = file.split('/')[1];

      await expect(startServerProcess({ DATA_FILE: file })).rejects.toThrow(
        `the server exited (2): termchat-server: DATA_FILE (--data-file) cannot be under /${kernel}: that is the kernel's own file system, not a place for a database (got "${file}"); pick a folder such as ./data.`,
      );
      expect(Date.now() - started).toBeLessThan(15_000);
    },
    30_000,
  );
});
