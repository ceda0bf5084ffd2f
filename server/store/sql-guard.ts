/**
 * Turns SQL failures into what callers can act on: an outage becomes a
 * STORE_UNAVAILABLE refusal, and so does a database that stops answering
 * (a frozen server holds pooled connections without ever failing them).
 */
import { ChatError } from '../../shared/errors.ts';
import {
  isConnectionError,
  unavailable,
  type OutageCode,
} from './store-errors.ts';

/** How long one store call may wait for the database. */
export const SQL_DEADLINE_MS = 5_000;

/**
 * Runs `work`, rejecting with `code` (STORE_UNAVAILABLE by default) and
 * `sentence` when the database is unreachable or silent for
 * SQL_DEADLINE_MS. ChatErrors pass through; any other error is a bug and
 * is rethrown as is.
 */
export async function guardSql<T>(
  sentence: string,
  work: () => Promise<T>,
  code: OutageCode = 'STORE_UNAVAILABLE',
): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  // Adopt the result once: a knex builder runs its query on every then().
  const running = Promise.resolve().then(work);
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      const silence = new Error(`no answer within ${SQL_DEADLINE_MS} ms`);
      reject(unavailable(sentence, silence, code));
    }, SQL_DEADLINE_MS);
  });
  // Note: a query that outlives its deadline keeps its pooled connection
  // until the database answers; once the pool is used up, further calls
  // fail on the pool's own acquire timeout, which is just as quick.
  running.catch(() => {});

  try {
    return await Promise.race([running, deadline]);
  } catch (error) {
    if (error instanceof ChatError) throw error;
    if (isConnectionError(error)) throw unavailable(sentence, error, code);
    throw error;
  } finally {
    clearTimeout(timer);
  }
}
