/**
 * Password rules and hashing: argon2id with the library's defaults
 * (19 MiB, 2 passes, the OWASP baseline), run off the main thread.
 */
import { hash, verify } from '@node-rs/argon2';

/** The longest password accepted, in characters. */
export const MAX_PASSWORD_CHARS = 256;

/** True when a password has 1 to MAX_PASSWORD_CHARS characters. */
export function isPasswordAcceptable(password: string): boolean {
  if (typeof password !== 'string') return false;
  const length = [...password].length;
  return length >= 1 && length <= MAX_PASSWORD_CHARS;
}

/** Hashes a password into a self-describing `$argon2id$...` string. */
export function hashPassword(password: string): Promise<string> {
  return hash(password);
}

/** True when `password` matches a hash made by `hashPassword`. */
export async function verifyPassword(
  passwordHash: string,
  password: string,
): Promise<boolean> {
  try {
    return await verify(passwordHash, password);
  } catch {
    // A damaged hash in the database must read as "wrong", not crash.
    return false;
  }
}
