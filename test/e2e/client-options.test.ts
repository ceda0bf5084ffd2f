import { execFile } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

/** Runs the client with `args` and no terminal; resolves with how it ended. */
function runClient(
  ...args: string[]
): Promise<{ code: number | null; stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ['--import', 'tsx', path.join(ROOT, 'tui/main.tsx'), ...args],
      { cwd: ROOT, timeout: 20_000 },
      (error, _stdout, stderr) => {
        const code = error ? (error.code as number | null) : 0;
        resolve({ code: typeof code === 'number' ? code : null, stderr });
      },
    );
  });
}

describe('client options that cannot work', { timeout: 30_000 }, () => {
  it.concurrent.each([['3000000'], ['0.001'], ['30']])(
    'refuses --heartbeat %s with code 2 and a sentence',
    async (value) => {
      const { code, stderr } = await runClient('--heartbeat', value);
      expect(code).toBe(2);
      expect(stderr).toContain(
        'Give whole seconds from 1 to 15: the server drops a connection that is silent for 20 s.',
      );
    },
  );

  it('refuses an empty --host with code 2 and a sentence', async () => {
    const { code, stderr } = await runClient('--host', '');
    expect(code).toBe(2);
    expect(stderr).toContain('Give the server name or address');
  });

  it('still asks for a terminal when the flags are fine', async () => {
    const { code, stderr } = await runClient('--heartbeat', '15');
    expect(code).toBe(2);
    expect(stderr).toContain('needs an interactive terminal');
  });
});
