/**
 * Accounts in SQL (MySQL or SQLite). Names are validated and made
 * canonical by shared/names.ts; the unique index on `canonical` is the
 * only judge of who gets a name.
 */
import type { Knex } from 'knex';
import { ChatError, ERRORS } from '../../shared/errors.ts';
import { canonicalName, nameProblem } from '../../shared/names.ts';
import {
  hashPassword,
  isPasswordAcceptable,
  verifyPassword,
} from './passwords.ts';
import { guardSql } from './sql-guard.ts';
import type { User, UserStore } from './types.ts';

/** Longest name kept as typed (the column width); NFKC may shorten it. */
const MAX_STORED_NAME_CHARS = 128;

interface UserRow {
  id: number;
  name: string;
  canonical: string;
  password_hash: string;
}

/** A UserStore over the `users` table. */
export class SqlUserStore implements UserStore {
  constructor(private readonly knex: Knex) {}

  async register(name: string, password: string): Promise<User> {
    const problem =
      typeof name === 'string' && [...name].length <= MAX_STORED_NAME_CHARS
        ? nameProblem(name)
        : 'NAME_INVALID';
    if (problem) throw new ChatError(problem);
    if (!isPasswordAcceptable(password)) {
      throw new ChatError('PASSWORD_INVALID');
    }

    const canonical = canonicalName(name);
    // A cheap early answer that spares an argon2 hash; the insert below
    // still decides a race between two registrations.
    if (await this.rowFor(canonical)) throw new ChatError('NAME_TAKEN');
    const passwordHash = await hashPassword(password);

    const ids = await this.guard(() =>
      this.knex('users')
        .insert({
          name,
          canonical,
          password_hash: passwordHash,
          created_at: Date.now(),
        })
        .catch((error: unknown) => {
          if (isDuplicateKey(error)) throw new ChatError('NAME_TAKEN');
          throw error;
        }),
    );
    return { id: Number(ids[0]), name, canonical };
  }

  async authenticate(name: string, password: string): Promise<User> {
    const row = await this.lookup(name);
    // Note: UNKNOWN_USER and WRONG_PASSWORD are told apart on purpose,
    // because the protocol reports them with different codes; login
    // throttling, not timing, is what slows down guessing.
    if (!row) throw new ChatError('UNKNOWN_USER');
    const matches =
      isPasswordAcceptable(password) &&
      (await verifyPassword(row.password_hash, password));
    if (!matches) throw new ChatError('WRONG_PASSWORD');
    return toUser(row);
  }

  async find(name: string): Promise<User | null> {
    const row = await this.lookup(name);
    return row ? toUser(row) : null;
  }

  private lookup(name: string): Promise<UserRow | undefined> {
    if (typeof name !== 'string' || name.length > MAX_STORED_NAME_CHARS * 4) {
      return Promise.resolve(undefined);
    }
    return this.rowFor(canonicalName(name));
  }

  private rowFor(canonical: string): Promise<UserRow | undefined> {
    return this.guard(() =>
      this.knex<UserRow>('users')
        .select('id', 'name', 'canonical', 'password_hash')
        .where({ canonical })
        .first(),
    );
  }

  private guard<T>(work: () => Promise<T>): Promise<T> {
    return guardSql(ERRORS.STORE_UNAVAILABLE, work);
  }
}

function toUser(row: UserRow): User {
  return { id: Number(row.id), name: row.name, canonical: row.canonical };
}

/** MySQL ER_DUP_ENTRY or a SQLite UNIQUE constraint failure. */
function isDuplicateKey(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return code === 'ER_DUP_ENTRY' || code === 'SQLITE_CONSTRAINT_UNIQUE';
}
