/**
 * Drives the real client in a real terminal: a private tmux server per
 * terminal (its own socket name), keys sent with send-keys, the screen
 * read back with capture-pane. The client runs with CI unset, because
 * Ink draws nothing when CI is set.
 */
import { execFile, execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import stringWidth from 'string-width';

const run = promisify(execFile);
const ROOT = fileURLToPath(new URL('../..', import.meta.url));
let counter = 0;

/** How a client starts, beyond its address, size and arguments. */
export interface ClientSetup {
  /** More environment for the client: simple values, no quoting. */
  env?: Readonly<Record<string, string>>;
  /**
   * The client's XDG_STATE_HOME, kept after close so a later client can
   * read what this one saved; by default a fresh one, removed on close.
   */
  stateDir?: string;
}

/** The screen and the cursor at one moment; cells count from 0. */
export interface Snapshot {
  rows: string[];
  /** Where the cursor is, and whether it is shown or hidden. */
  cursor: { x: number; y: number; isVisible: boolean };
}

/** One tmux server with one window running one client. */
export class Terminal {
  readonly socket: string;
  private readonly stateDir: string;
  private readonly ownsStateDir: boolean;
  /** The tmux server's process id, to be sure it is gone after close. */
  private serverPid: number | null = null;

  private constructor(
    readonly width: number,
    readonly height: number,
    stateDir?: string,
  ) {
    counter += 1;
    this.socket = `termchat-e2e-${process.pid}-${counter}-${Date.now()}`;
    this.ownsStateDir = stateDir === undefined;
    this.stateDir =
      stateDir ?? mkdtempSync(path.join(os.tmpdir(), 'termchat-e2e-'));
  }

  /** Starts the client and waits for its login screen. */
  static async open(
    port: number,
    width = 80,
    height = 24,
    args: readonly string[] = [],
    setup: ClientSetup = {},
  ): Promise<Terminal> {
    const terminal = await Terminal.start(port, width, height, args, setup);
    await terminal.waitFor((screen) => screen.includes('Password'), 30_000);
    return terminal;
  }

  /**
   * Starts the client against `port` in a `width` x `height` window, with
   * `args` (simple words, no quoting) after the address.
   */
  static async start(
    port: number,
    width = 80,
    height = 24,
    args: readonly string[] = [],
    setup: ClientSetup = {},
  ): Promise<Terminal> {
    const terminal = new Terminal(width, height, setup.stateDir);
    const env = Object.entries(setup.env ?? {});
    const client = [
      'env -u CI',
      `XDG_STATE_HOME=${terminal.stateDir}`,
      'LANG=C.UTF-8',
      ...env.map(([name, value]) => `${name}=${value}`),
      `${process.execPath} --import tsx`,
      path.join(ROOT, 'tui/main.tsx'),
      `--host 127.0.0.1 --port ${port}`,
      ...args,
    ].join(' ');
    await terminal.tmux(
      'new-session',
      '-d',
      '-s',
      'main',
      '-x',
      String(width),
      '-y',
      String(height),
      '-c',
      ROOT,
      client,
    );
    await terminal.tmux('set-option', '-t', 'main', 'remain-on-exit', 'on');
    terminal.serverPid = Number(
      await terminal.tmux('display-message', '-p', '#{pid}'),
    );
    return terminal;
  }

  /** Whether the client has switched its terminal out of line mode. */
  async isRaw(): Promise<boolean> {
    const tty = await this.tmux('display-message', '-p', '#{pane_tty}');
    const { stdout } = await run('stty', ['-a', '-F', tty.trim()]);
    return /(^|\s)-icanon(\s|$)/.test(stdout);
  }

  /** Runs a tmux command on this terminal's server. */
  async tmux(...args: string[]): Promise<string> {
    const { stdout } = await run(
      'tmux',
      ['-u', '-L', this.socket, '-f', '/dev/null', ...args],
      {
        env: { ...process.env, LANG: 'C.UTF-8' },
      },
    );
    return stdout;
  }

  /** The visible screen, one string per row. */
  async rows(): Promise<string[]> {
    const text = await this.tmux('capture-pane', '-p', '-t', 'main');
    return text.replace(/\n$/, '').split('\n');
  }

  /** The visible screen, one string per row, with its SGR escapes. */
  async styledRows(): Promise<string[]> {
    const text = await this.tmux('capture-pane', '-p', '-e', '-t', 'main');
    return text.replace(/\n$/, '').split('\n');
  }

  /** Appends everything the client writes from now on to `file`. */
  async logOutput(file: string): Promise<void> {
    await this.tmux('pipe-pane', '-o', '-t', 'main', `cat >> ${file}`);
  }

  /** Waits until the client has ended (its pane stays, dead). */
  async waitForExit(timeoutMs = 10_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const dead = await this.tmux(
        'display-message',
        '-p',
        '-t',
        'main',
        '#{pane_dead}',
      );
      if (dead.trim() === '1') return;
      if (Date.now() > deadline) {
        throw new Error(`The client is still running:\n${await this.screen()}`);
      }
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  /** The visible screen as one string. */
  async screen(): Promise<string> {
    return (await this.rows()).join('\n');
  }

  /**
   * The screen rows and the cursor cell, read by one tmux command so the
   * two come from the same moment.
   */
  async snapshot(): Promise<Snapshot> {
    const text = await this.tmux(
      'display-message',
      '-p',
      '-t',
      'main',
      '#{cursor_x},#{cursor_y},#{cursor_flag}',
      ';',
      'capture-pane',
      '-p',
      '-t',
      'main',
    );
    const [cursor = '', ...rows] = text.replace(/\n$/, '').split('\n');
    const [x = NaN, y = NaN, isVisible] = cursor.split(',').map(Number);
    return { rows, cursor: { x, y, isVisible: isVisible === 1 } };
  }

  /**
   * Polls snapshots until `check` passes; throws with `describe` of the
   * last one if not.
   */
  async waitForSnapshot(
    check: (snapshot: Snapshot) => boolean,
    describe: (snapshot: Snapshot) => string,
    timeoutMs = 10_000,
  ): Promise<Snapshot> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const snapshot = await this.snapshot();
      if (check(snapshot)) return snapshot;
      if (Date.now() > deadline) {
        throw new Error(`Timed out waiting; ${describe(snapshot)}`);
      }
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }

  /** Polls the screen until `check` passes; throws with the screen if not. */
  async waitFor(
    check: (screen: string) => boolean,
    timeoutMs = 10_000,
  ): Promise<string> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const screen = await this.screen();
      if (check(screen)) return screen;
      if (Date.now() > deadline) {
        throw new Error(`Timed out waiting; the terminal shows:\n${screen}`);
      }
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  /** Sends tmux key names (Enter, Tab, C-c, PPage, F1, …). */
  async keys(...keys: string[]): Promise<void> {
    await this.tmux('send-keys', '-t', 'main', ...keys);
  }

  /** Types text literally. */
  async type(text: string): Promise<void> {
    await this.tmux('send-keys', '-t', 'main', '-l', text);
  }

  /** Pastes text as a bracketed paste, as a terminal does. */
  async paste(text: string): Promise<void> {
    await this.tmux('set-buffer', '-b', 'e2e', text);
    await this.tmux('paste-buffer', '-p', '-b', 'e2e', '-t', 'main');
  }

  /** Resizes the window. */
  async resize(width: number, height: number): Promise<void> {
    await this.tmux(
      'resize-window',
      '-t',
      'main',
      '-x',
      String(width),
      '-y',
      String(height),
    );
  }

  /** Logs in (or registers then logs in) and waits for the chat screen. */
  async login(name: string, password: string, register = false): Promise<void> {
    await this.type(name);
    await this.keys('Tab');
    await this.type(password);
    if (register) await this.keys('C-r');
    await this.keys('Enter');
    await this.waitFor((screen) => screen.includes('● online'));
  }

  /** Types a line and presses Enter. */
  async send(line: string): Promise<void> {
    await this.type(line);
    await this.keys('Enter');
  }

  /** SIGKILLs our tmux server if kill-server left it running. */
  private killServerIfAlive(): void {
    if (this.serverPid === null) return;
    // Only if that pid is still our server, not a reused id.
    const command = readFileSync(`/proc/${this.serverPid}/cmdline`, 'utf8');
    if (command.includes(this.socket)) process.kill(this.serverPid, 'SIGKILL');
  }

  /** Kills the tmux server and removes the state directory. */
  close(): void {
    const steps = [
      () =>
        execFileSync('tmux', ['-L', this.socket, 'kill-server'], {
          stdio: 'ignore',
        }),
      () => this.killServerIfAlive(),
      // tmux leaves its socket file behind after kill-server.
      () => rmSync(socketPath(this.socket), { force: true }),
      () => {
        if (!this.ownsStateDir) return;
        rmSync(this.stateDir, { recursive: true, force: true, maxRetries: 3 });
      },
    ];
    for (const step of steps) {
      try {
        step();
      } catch {
        // Already gone; the next step still runs.
      }
    }
  }
}

/** Where tmux keeps the socket of a `-L name` server. */
function socketPath(name: string): string {
  const uid = process.getuid?.() ?? 0;
  const directory = process.env['TMUX_TMPDIR'] || '/tmp';
  return path.join(directory, `tmux-${uid}`, name);
}

/** The cell columns at which `char` appears in a row. */
export function columnsOf(row: string, char: string): number[] {
  const columns: number[] = [];
  let column = 0;
  for (const { segment } of new Intl.Segmenter().segment(row)) {
    if (segment === char) columns.push(column);
    column += stringWidth(segment);
  }
  return columns;
}

/** The width of a row in cells. */
export function rowCells(row: string): number {
  return stringWidth(row);
}
