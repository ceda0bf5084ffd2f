import { describe, expect, it } from 'vitest';
import { canonicalName, nameProblem } from './names.ts';

describe('canonicalName', () => {
  it('treats names that differ by case or NFKC form as one name', () => {
    expect(canonicalName('Alice')).toBe(canonicalName('ALICE'));
    expect(canonicalName('Ａｌｉｃｅ')).toBe(canonicalName('alice'));
    expect(canonicalName('ﬁsh')).toBe(canonicalName('fish'));
  });

  it('leaves CJK names as they are', () => {
    expect(canonicalName('小明')).toBe('小明');
  });
});

describe('nameProblem', () => {
  it('accepts Latin, CJK and emoji names', () => {
    for (const name of ['alice', '小明', '田中さん', '김철수', 'bob_2', '🐱']) {
      expect(nameProblem(name)).toBeNull();
    }
  });

  it('refuses empty, too long and whitespace names', () => {
    expect(nameProblem('')).toBe('NAME_INVALID');
    expect(nameProblem('a'.repeat(33))).toBe('NAME_INVALID');
    expect(nameProblem('字'.repeat(32))).toBeNull();
    expect(nameProblem('al ice')).toBe('NAME_INVALID');
    expect(nameProblem('alice\u3000')).toBe('NAME_INVALID');
  });

  it('refuses control and invisible characters', () => {
    expect(nameProblem('al\x1bice')).toBe('NAME_INVALID');
    expect(nameProblem('al\u200bice')).toBe('NAME_INVALID');
    expect(nameProblem('\u202eecila')).toBe('NAME_INVALID');
    expect(nameProblem('\u3164')).toBe('NAME_INVALID');
  });

  it('refuses names that would break command syntax', () => {
    expect(nameProblem('a-->b')).toBe('NAME_INVALID');
    expect(nameProblem('@alice')).toBe('NAME_INVALID');
    expect(nameProblem('/quit')).toBe('NAME_INVALID');
  });

  it('refuses reserved names in any case or width', () => {
    expect(nameProblem('System')).toBe('NAME_RESERVED');
    expect(nameProblem('ＡＤＭＩＮ')).toBe('NAME_RESERVED');
    expect(nameProblem('系统')).toBe('NAME_RESERVED');
    expect(nameProblem('管理员')).toBe('NAME_RESERVED');
  });

  it('refuses Latin mixed with Cyrillic or Greek look-alikes', () => {
    expect(nameProblem('pаypal')).toBe('NAME_CONFUSABLE');
    expect(nameProblem('ΑΙice')).toBe('NAME_CONFUSABLE');
    expect(nameProblem('иван')).toBeNull();
    expect(nameProblem('Σωκράτης')).toBeNull();
  });
});
