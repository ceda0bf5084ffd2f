/**
 * Accounts in SQL (MySQL or SQLite). Names are validated and made
 * canonical by shared/names.ts; the unique indexes on `canonical` (the
 * same name) and `skeleton` (a name that looks the same) are the only
 * judges of who gets a name.
 */
import type { Knex } from 'knex';
import { ChatError, ERRORS } from '../../shared/errors.ts';
import {
  canonicalName,
  LOOKS_TAKEN,
  nameProblem,
  nameSkeleton,
} from '../../shared/names.ts';
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
    const skeleton = nameSkeleton(name);
    // A cheap early answer that spares an argon2 hash; the insert below
    // still decides a race between two registrations.
    await this.refuseTaken(canonical, skeleton);
    const passwordHash = await hashPassword(password);

    const ids = await this.guard(() =>
      this.knex('users')
        .insert({
          name,
          canonical,
          skeleton,
          password_hash: passwordHash,
          created_at: Date.now(),
        })
        .catch(async (error: unknown) => {
          if (!isDuplicateKey(error)) throw error;
          // The same name also has the same look; the database may name
          // either index then, and the same name is the truer answer.
          if (isSkeletonIndex(error) && !(await this.rowFor(canonical))) {
            throw looksTaken();
          }
          throw new ChatError('NAME_TAKEN');
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

  // One query for both indexes: asked one after the other, a
  // registration racing ours could land between them and make the same
  // name look merely alike.
  private async refuseTaken(canonical: string, skeleton: string) {
    const rows = await this.guard(() =>
      this.knex<UserRow>('users')
        .select('canonical')
        .where({ canonical })
        .orWhere('skeleton', skeleton),
    );
    if (rows.some((row) => row.canonical === canonical)) {
      throw new ChatError('NAME_TAKEN');
    }
    if (rows.length > 0) throw looksTaken();
  }

  private guard<T>(work: () => Promise<T>): Promise<T> {
    return guardSql(ERRORS.STORE_UNAVAILABLE, work);
  }
}

function toUser(row: UserRow): User {
  return { id: Number(row.id), name: row.name, canonical: row.canonical };
}

function looksTaken(): ChatError {
  return new ChatError('NAME_CONFUSABLE', LOOKS_TAKEN);
}

/**
 * True when a duplicate was on the skeleton index: MySQL names the key
 * (`users_skeleton_unique`), SQLite the column (`users.skeleton`).
 */
function isSkeletonIndex(error: unknown): boolean {
  const { sqlMessage, message } = error as {
    sqlMessage?: unknown;
    message?: unknown;
  };
  const text = sqlMessage ?? message;
  // Anchored at the end: the duplicate value itself is quoted earlier.
  return (
    typeof text === 'string' &&
    /(users_skeleton_unique'|users\.skeleton)$/.test(text)
  );
}

/** MySQL ER_DUP_ENTRY or a SQLite UNIQUE constraint failure. */
function isDuplicateKey(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return code === 'ER_DUP_ENTRY' || code === 'SQLITE_CONSTRAINT_UNIQUE';
}
