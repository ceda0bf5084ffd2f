import { describe, expect, it } from 'vitest';
import { ChatError } from '../../shared/errors.ts';
import {
  PendingMigrationsError,
  StoreConnectError,
  StoreOpenError,
  isConnectionError,
  unavailable,
} from './store-errors.ts';

function withCode(code: string): Error {
  return Object.assign(new Error(code), { code });
}

describe('store errors', () => {
  it('tells an outage apart from a refused statement', () => {
    expect(isConnectionError(withCode('ECONNREFUSED'))).toBe(true);
    expect(isConnectionError(withCode('PROTOCOL_CONNECTION_LOST'))).toBe(true);
    const timeout = new Error('Knex: Timeout acquiring a connection.');
    timeout.name = 'KnexTimeoutError';
    expect(isConnectionError(timeout)).toBe(true);
    expect(isConnectionError(withCode('ER_DUP_ENTRY'))).toBe(false);
    expect(isConnectionError(withCode('ER_PARSE_ERROR'))).toBe(false);
    expect(isConnectionError('ECONNREFUSED')).toBe(false);
  });

  it('makes a STORE_UNAVAILABLE refusal that keeps its cause', () => {
    const cause = withCode('ECONNRESET');
    const error = unavailable('History is down.', cause);
    expect(error).toBeInstanceOf(ChatError);
    expect(error.code).toBe('STORE_UNAVAILABLE');
    expect(error.message).toBe('History is down.');
    expect(error.cause).toBe(cause);
  });

  it('makes a refusal with the code of the store that failed', () => {
    const error = unavailable(
      'Scores are down.',
      withCode('ECONNRESET'),
      'SCORES_UNAVAILABLE',
    );
    expect(error.code).toBe('SCORES_UNAVAILABLE');
    expect(error.message).toBe('Scores are down.');
  });

  it('says which migrations are pending and which command runs them', () => {
    const error = new PendingMigrationsError(['20260101000000_a.ts']);
    expect(error).toBeInstanceOf(StoreOpenError);
    expect(error.message).toContain('20260101000000_a.ts');
    expect(error.message).toContain('`npm run migrate`');
  });

  it('names the unreachable service and the first underlying reason', () => {
    const reason = new AggregateError([withCode('ECONNREFUSED')], '');
    const error = new StoreConnectError('Redis at 127.0.0.1:1', reason);
    expect(error).toBeInstanceOf(StoreOpenError);
    expect(error.message).toBe(
      'Cannot reach Redis at 127.0.0.1:1: ECONNREFUSED',
    );
  });
});
