/**
 * The server's structured log: pino, one JSON line per event on stdout.
 * Each connection gets a child logger carrying its id and, after login,
 * the user (see session.ts).
 */
import { pino, type Logger } from 'pino';

export type { Logger } from 'pino';

/** Creates the root logger at `level` ("silent" turns it off). */
export function createLogger(
  level: string,
  destination?: pino.DestinationStream,
): Logger {
  const options: pino.LoggerOptions = {
    level,
    base: { pid: process.pid },
    // Note: a password only ever sits in a login or register frame's
    // Content, and frames are never logged whole; the redaction is a
    // second line of defence for a careless future log call.
    redact: ['password', '*.password', 'frame.Content'],
  };
  if (destination) return pino(options, destination);
  if (!process.stdout.listeners('error').includes(ignoreBrokenPipe)) {
    process.stdout.on('error', ignoreBrokenPipe);
  }
  return pino(options, process.stdout);
}

// Note: logs go through process.stdout rather than pino's own fast writer,
// whose synchronous flush spins forever once stdout is a closed pipe (say
// `npm start | head`), which would hang shutdown. A closed pipe just ends
// the logging; any other stdout error still crashes as usual.
function ignoreBrokenPipe(error: NodeJS.ErrnoException): void {
  if (error.code !== 'EPIPE') throw error;
}
