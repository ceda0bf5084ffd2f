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
  return destination ? pino(options, destination) : pino(options);
}
