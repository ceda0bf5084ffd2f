/**
 * How storage failures reach callers: a ChatError with a stable code for
 * a refused request, a StoreOpenError subclass when the stores cannot open.
 */
import { ChatError, type ErrorCode } from '../../shared/errors.ts';

/** Why the stores could not open; main prints `message` and exits. */
export class StoreOpenError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'StoreOpenError';
  }
}

/** MySQL has migrations that were not run yet. */
export class PendingMigrationsError extends StoreOpenError {
  constructor(readonly pending: string[]) {
    super(
      `The database has ${pending.length} pending migration(s) (${pending.join(', ')}); run \`npm run migrate\` with the same DATABASE_URL, then start the server again.`,
    );
    this.name = 'PendingMigrationsError';
  }
}

/** The MySQL database DATABASE_URL names does not exist. */
export class MissingDatabaseError extends StoreOpenError {
  constructor(where: string) {
    super(
      `Cannot open ${where}: the database does not exist; run \`npm run migrate\` with the same DATABASE_URL to create it, then start the server again.`,
    );
    this.name = 'MissingDatabaseError';
  }
}

/** A database or Redis could not be reached while opening. */
export class StoreConnectError extends StoreOpenError {
  constructor(what: string, cause: unknown) {
    super(`Cannot reach ${what}: ${describeCause(cause)}`, { cause });
    this.name = 'StoreConnectError';
  }
}

const CONNECTION_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EPIPE',
  'PROTOCOL_CONNECTION_LOST',
  'PROTOCOL_SEQUENCE_TIMEOUT',
  'ER_CON_COUNT_ERROR',
  'ER_SERVER_SHUTDOWN',
  'SQLITE_BUSY',
  'SQLITE_LOCKED',
  'SQLITE_CANTOPEN',
  'SQLITE_IOERR',
  'SQLITE_FULL',
]);

/** True for errors that mean "the database is not there right now". */
export function isConnectionError(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  if (error.name === 'KnexTimeoutError') return true;
  const { code, fatal } = error as { code?: unknown; fatal?: unknown };
  if (typeof code === 'string' && CONNECTION_CODES.has(code)) return true;
  return fatal === true;
}

/** The codes an unreachable store is refused with. */
export type OutageCode = Extract<
  ErrorCode,
  'STORE_UNAVAILABLE' | 'SCORES_UNAVAILABLE'
>;

/**
 * A refusal (STORE_UNAVAILABLE unless told otherwise) naming what failed,
 * keeping the original error as `cause` for the log.
 */
export function unavailable(
  sentence: string,
  cause: unknown,
  code: OutageCode = 'STORE_UNAVAILABLE',
): ChatError {
  const error = new ChatError(code, sentence);
  Object.defineProperty(error, 'cause', { value: cause, enumerable: false });
  return error;
}

/** The readable part of any thrown value. */
export function describeCause(cause: unknown): string {
  if (cause instanceof AggregateError && cause.errors.length > 0) {
    return describeCause(cause.errors[0]);
  }
  if (cause instanceof Error) return cause.message || cause.name;
  return String(cause);
}
