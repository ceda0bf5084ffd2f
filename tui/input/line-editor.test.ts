import { afterEach, describe, expect, it, vi } from 'vitest';
import * as edit from './line-editor.ts';

const at = (text: string, cursor = text.length) => ({ text, cursor });

afterEach(() => vi.restoreAllMocks());

describe('line editor', () => {
  it('deletes a whole ZWJ emoji with one Backspace', () => {
    expect(edit.backspace(at('hi 👩‍👩‍👧'))).toEqual(at('hi '));
  });

  it('deletes a letter with its combining accent in one press', () => {
    expect(edit.backspace(at('cafe\u0301'))).toEqual(at('caf'));
  });

  it('moves over a flag and a skin-toned emoji as one character', () => {
    const line = at('🇫🇷👍🏽', 0);
    const once = edit.moveRight(line);
    expect(once.cursor).toBe('🇫🇷'.length);
    expect(edit.moveRight(once).cursor).toBe(line.text.length);
    expect(edit.moveLeft(at(line.text)).cursor).toBe('🇫🇷'.length);
  });

  it('Delete removes the grapheme under the cursor', () => {
    expect(edit.deleteForward(at('a😀b', 1))).toEqual(at('ab', 1));
  });

  it('inserts at the cursor', () => {
    expect(edit.insert(at('helo', 3), 'l')).toEqual(at('hello', 4));
  });

  it('Ctrl+W deletes the word before the cursor and the spaces after it', () => {
    expect(edit.deleteWordBack(at('say hello  '))).toEqual(at('say '));
  });

  it('Ctrl+U deletes to the start and Ctrl+K to the end', () => {
    expect(edit.deleteToStart(at('abc def', 4))).toEqual(at('def', 0));
    expect(edit.deleteToEnd(at('abc def', 3))).toEqual(at('abc', 3));
  });

  it('Home and End jump to the ends, word moves stop at word edges', () => {
    expect(edit.moveHome(at('abc')).cursor).toBe(0);
    expect(edit.moveEnd(at('abc', 0)).cursor).toBe(3);
    expect(edit.moveWordLeft(at('one two')).cursor).toBe(4);
    expect(edit.moveWordRight(at('one two', 0)).cursor).toBe(3);
  });

  it('edits a megabyte paste by grapheme, segmenting only near the cursor', () => {
    const text = '你好 👩‍👩‍👧 e\u0301 '.repeat(80_000);
    const segment = vi.spyOn(Intl.Segmenter.prototype, 'segment');
    const end = at(text);
    expect(edit.backspace(end).text).toBe(text.slice(0, -1));
    const left = edit.moveLeft(edit.moveLeft(end));
    expect(left.cursor).toBe(text.length - 'e\u0301 '.length);
    expect(edit.deleteForward(left).text.endsWith('👩‍👩‍👧  ')).toBe(true);
    expect(edit.moveRight(left).cursor).toBe(text.length - 1);
    const segmented = segment.mock.calls.reduce(
      (sum, [input]) => sum + input.length,
      0,
    );
    expect(segmented).toBeLessThan(5000);
  });
});
