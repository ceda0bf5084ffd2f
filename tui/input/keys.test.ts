import { describe, expect, it } from 'vitest';
import { normalisePaste, parseKey, splitKeys } from './keys.ts';

const names = (chunk: string) =>
  splitKeys(chunk).map((key) => key.ctrl ?? `${key.name}:${key.text}`);

describe('keys', () => {
  it('splits fast typing into text and control keys', () => {
    expect(names('alice\tpw\x12\r')).toEqual([
      'text:alice',
      'tab:',
      'text:pw',
      'r',
      'enter:',
    ]);
  });

  it('handles every Enter in a chunk as a key, in order, not as a paste', () => {
    expect(names('alice\rpw\x12\r')).toEqual([
      'text:alice',
      'enter:',
      'text:pw',
      'r',
      'enter:',
    ]);
    expect(names('one\r\ntwo\rthree\n')).toEqual([
      'text:one',
      'enter:',
      'text:two',
      'enter:',
      'text:three',
      'enter:',
    ]);
  });

  it('treats a lone Enter as Enter', () => {
    expect(names('\r')).toEqual(['enter:']);
  });

  it('names function keys, paging and bracketed-paste markers', () => {
    expect(parseKey('\x1bOP').name).toBe('f1');
    expect(parseKey('\x1bOQ').name).toBe('f2');
    expect(parseKey('\x1b[5~').name).toBe('pageup');
    expect(parseKey('\x1b[200~').name).toBe('paste-start');
    expect(parseKey('\x1b[3~').name).toBe('delete');
  });
});

describe('normalisePaste', () => {
  it('keeps the lines of a paste but not the break that ends it', () => {
    expect(normalisePaste('one\r\ntwo\r\n')).toBe('one\ntwo');
    expect(normalisePaste('one\n\ntwo\n\n')).toBe('one\n\ntwo');
    expect(normalisePaste('\n')).toBe('');
  });
});
