/**
 * The real server as a child process (bin/termchat-server.mjs, so the
 * child's pid is the server itself), for tests that kill it, signal it
 * or measure its memory. It listens on a free port and logs quietly.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const BIN = fileURLToPath(
  new URL('../../bin/termchat-server.mjs', import.meta.url),
);

/** Keeps only the start of a child's output: enough for diagnostics. */
const MAX_KEPT_CHARS = 64 * 1024;

/** A running server process. */
export interface ServerProcess {
  child: ChildProcess;
  pid: number;
  port: number;
  /** Resolves with the exit code (or null after a signal). */
  exited: Promise<number | null>;
  /** What the process wrote to stderr, and the first stdout lines. */
  output(): string;
  /** The resident memory of the process in KiB, from /proc. */
  rssKb(): number;
  /** Calls `listener` with every JSON log line from here on. */
  onLog(listener: (line: Record<string, unknown>) => void): void;
  /** Kills it with SIGKILL if still running and waits for the exit. */
  kill(): Promise<void>;
}

/**
 * Starts the server with `env` (PORT defaults to 0) and waits for its
 * startup line. Rejects with the process's output when it does not start.
 */
export async function startServerProcess(
  env: NodeJS.ProcessEnv,
): Promise<ServerProcess> {
  const child = spawn(process.execPath, [BIN], {
    env: {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      PORT: '0',
      LOG_LEVEL: 'info',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout!.setEncoding('utf8').on('data', (text: string) => {
    if (stdout.length < MAX_KEPT_CHARS) stdout += text;
  });
  child.stderr!.setEncoding('utf8').on('data', (text: string) => {
    if (stderr.length < MAX_KEPT_CHARS) stderr += text;
  });
  const exited = new Promise<number | null>((resolve) =>
    child.once('exit', (code) => resolve(code)),
  );
  const output = () => `${stderr}\n${stdout}`.trim();
  const logListeners: Array<(line: Record<string, unknown>) => void> = [];
  let partialLine = '';
  child.stdout!.on('data', (text: string) => {
    const lines = (partialLine + text).split('\n');
    partialLine = lines.pop()!;
    if (logListeners.length === 0) return;
    for (const line of lines) {
      if (!line.startsWith('{')) continue;
      const entry = JSON.parse(line) as Record<string, unknown>;
      for (const listener of logListeners) listener(entry);
    }
  });

  const port = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`the server did not start: ${output()}`));
    }, 20_000);
    const look = () => {
      const line = stdout.split('\n').find((text) => text.includes('"port"'));
      if (!line) return;
      clearTimeout(timer);
      child.stdout!.off('data', look);
      resolve((JSON.parse(line) as { port: number }).port);
    };
    child.stdout!.on('data', look);
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`the server exited (${code}): ${output()}`));
    });
  });

  return {
    child,
    pid: child.pid!,
    port,
    exited,
    output,
    rssKb: () => {
      const status = readFileSync(`/proc/${child.pid}/status`, 'utf8');
      return Number(/^VmRSS:\s+(\d+)/m.exec(status)?.[1] ?? Number.NaN);
    },
    onLog(listener) {
      logListeners.push(listener);
    },
    async kill() {
      if (child.exitCode === null && child.signalCode === null) {
        child.kill('SIGKILL');
      }
      await exited;
    },
  };
}
