import { describe, expect, it } from 'vitest';
import { redisKeys } from './redis-keys.ts';

describe('redisKeys', () => {
  it('puts every key under the prefix and keeps users apart', () => {
    const keys = redisKeys('termchat:');
    const all = [
      keys.roomHistory(),
      keys.userHistory('alice'),
      keys.userHistory('bob'),
      keys.historySequence(),
      keys.activity(),
      keys.limit('login'),
    ];
    expect(all.every((key) => key.startsWith('termchat:'))).toBe(true);
    expect(new Set(all).size).toBe(all.length);
  });

  it('escapes glob characters of the prefix in the SCAN pattern', () => {
    expect(redisKeys('termchat:').everything()).toBe('termchat:*');
    expect(redisKeys('a*b?[c]\\:').everything()).toBe('a\\*b\\?\\[c\\]\\\\:*');
  });
});
