/**
 * Puts the terminal into full-screen mode and always puts it back: on a
 * normal exit, on Ctrl+C, on signals and on a crash.
 */

const ENTER = '\x1b[?1049h\x1b[2J\x1b[H\x1b[?2004h';
const LEAVE = '\x1b[?2004l\x1b[?25h\x1b[?1049l';

/** Switches to the alternate screen with bracketed paste; returns restore. */
export function enterFullScreen(stdout: NodeJS.WriteStream): () => void {
  let isRestored = false;
  const restore = () => {
    if (isRestored) return;
    isRestored = true;
    try {
      stdout.write(LEAVE);
    } catch {
      // Note: the terminal may already be gone; nothing is left to restore.
    }
  };

  const onSignal = (signal: NodeJS.Signals) => {
    restore();
    process.kill(process.pid, signal);
  };
  const onCrash = (error: unknown) => {
    restore();
    process.stderr.write(
      `termchat crashed: ${String(error instanceof Error ? error.stack : error)}\n`,
    );
    process.exit(1);
  };

  stdout.write(ENTER);
  process.once('exit', restore);
  process.once('SIGTERM', onSignal);
  process.once('SIGHUP', onSignal);
  process.once('SIGINT', onSignal);
  process.once('uncaughtException', onCrash);
  process.once('unhandledRejection', onCrash);
  return restore;
}
