import { describe, expect, it } from 'vitest';
import {
  hashPassword,
  isPasswordAcceptable,
  verifyPassword,
} from './passwords.ts';

describe('passwords', () => {
  it('hashes with argon2id and verifies only the same password', async () => {
    const stored = await hashPassword('correct horse');
    expect(stored).toMatch(/^\$argon2id\$/);
    expect(stored).not.toContain('correct horse');
    expect(await verifyPassword(stored, 'correct horse')).toBe(true);
    expect(await verifyPassword(stored, 'Correct horse')).toBe(false);
  });

  it('salts every hash, so one password hashes differently twice', async () => {
    expect(await hashPassword('same')).not.toBe(await hashPassword('same'));
  });

  it('treats a damaged stored hash as a wrong password', async () => {
    expect(await verifyPassword('not-a-hash', 'anything')).toBe(false);
  });

  it('accepts 1 to 256 characters, counting emoji as one each', () => {
    expect(isPasswordAcceptable('')).toBe(false);
    expect(isPasswordAcceptable('x')).toBe(true);
    expect(isPasswordAcceptable('🔑'.repeat(256))).toBe(true);
    expect(isPasswordAcceptable('🔑'.repeat(257))).toBe(false);
  });
});
