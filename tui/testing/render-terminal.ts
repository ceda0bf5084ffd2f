/**
 * Renders an Ink tree into a fake terminal of any size, for component
 * tests. ink-testing-library fixes the width at 100 columns; the chat
 * screen's layout depends on both columns and rows, so tests set them.
 */
import { EventEmitter } from 'node:events';
import type React from 'react';
import { render } from 'ink';
import { paintInPlace } from '../paint-in-place.ts';

/** A fake TTY output that records frames and can be resized. */
export class FakeStdout extends EventEmitter {
  frames: string[] = [];
  isTTY = true;

  constructor(
    public columns: number,
    public rows: number,
  ) {
    super();
  }

  write = (frame: string): boolean => {
    this.frames.push(frame);
    return true;
  };

  /** Changes the size and tells listeners, as a terminal would. */
  resize(columns: number, rows: number): void {
    this.columns = columns;
    this.rows = rows;
    this.emit('resize');
  }
}

/** A fake TTY input that tests type into. */
export class FakeStdin extends EventEmitter {
  isTTY = true;
  private data: string | null = null;

  write = (data: string): void => {
    this.data = data;
    this.emit('readable');
  };

  read = (): string | null => {
    const { data } = this;
    this.data = null;
    return data;
  };

  setEncoding(): void {}
  setRawMode(): void {}
  resume(): void {}
  pause(): void {}
  ref(): void {}
  unref(): void {}
}

/** A mounted tree with its fake terminal. */
export interface Rendered {
  stdout: FakeStdout;
  stdin: FakeStdin;
  /** The last frame, without colours. */
  screen: () => string;
  /** Types keys and waits for the screen to update. */
  type: (...keys: string[]) => Promise<void>;
  /** Waits until `check` passes on the screen, or throws with the screen. */
  waitFor: (
    check: (screen: string) => boolean,
    timeoutMs?: number,
  ) => Promise<string>;
  unmount: () => void;
}

// Colour and style escapes only; the screens draw no other escapes.
// eslint-disable-next-line no-control-regex
const SGR = /\x1b\[[0-9;]*m/g;

/** Strips colour codes so tests compare what a user reads. */
export function plain(text: string): string {
  return text.replace(SGR, '');
}

const tick = () => new Promise((resolve) => setTimeout(resolve, 5));

/**
 * Mounts `tree` in a `columns` x `rows` fake terminal. Each frame is
 * written whole, unless `isLive`: then `stdout.frames` holds the writes a
 * real terminal gets from run.tsx (Ink's frame writer, painted in place).
 */
export function renderTerminal(
  tree: React.ReactElement,
  columns = 100,
  rows = 30,
  isLive = false,
): Rendered {
  const stdout = new FakeStdout(columns, rows);
  const stdin = new FakeStdin();
  const terminal = stdout as unknown as NodeJS.WriteStream;
  const instance = render(tree, {
    stdout: isLive ? paintInPlace(terminal) : terminal,
    stdin: stdin as unknown as NodeJS.ReadStream,
    stderr: terminal,
    debug: !isLive,
    exitOnCtrlC: false,
    patchConsole: false,
  });
  const screen = () => plain(stdout.frames.at(-1) ?? '');

  const waitFor = async (
    check: (screen: string) => boolean,
    timeoutMs = 3000,
  ) => {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const current = screen();
      if (check(current)) return current;
      if (Date.now() > deadline) {
        throw new Error(
          `Timed out waiting for the screen; it shows:\n${current}`,
        );
      }
      await tick();
    }
  };

  const type = async (...keys: string[]) => {
    for (const key of keys) {
      stdin.write(key);
      await tick();
    }
  };

  return {
    stdout,
    stdin,
    screen,
    type,
    waitFor,
    unmount: () => instance.unmount(),
  };
}
