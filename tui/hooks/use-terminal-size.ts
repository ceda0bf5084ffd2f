/**
 * The terminal's size, following resizes. A resize also clears the
 * screen, so no stale or doubled lines are left from the old layout.
 */
import { useEffect, useState } from 'react';
import { useStdout } from 'ink';

/** Columns and rows of the terminal. */
export interface TerminalSize {
  columns: number;
  rows: number;
}

const CLEAR_SCREEN = '\x1b[2J\x1b[3J\x1b[H';

function read(stdout: NodeJS.WriteStream): TerminalSize {
  return { columns: stdout.columns || 80, rows: stdout.rows || 24 };
}

/** The current terminal size. */
export function useTerminalSize(clearOnResize = true): TerminalSize {
  const { stdout } = useStdout();
  const [size, setSize] = useState(() => read(stdout));

  useEffect(() => {
    const onResize = () => {
      const next = read(stdout);
      setSize((current) => {
        if (current.columns === next.columns && current.rows === next.rows) {
          return current;
        }
        if (clearOnResize && stdout.isTTY) stdout.write(CLEAR_SCREEN);
        return next;
      });
    };
    stdout.on('resize', onResize);
    return () => {
      stdout.off('resize', onResize);
    };
  }, [stdout, clearOnResize]);

  return size;
}
