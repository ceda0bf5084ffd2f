import { describe, expect, it } from 'vitest';
import { complete, type Completion } from './complete.ts';
import { lineOf } from './line-editor.ts';

const users = ['alice', 'albert', 'bob'];

function press(text: string, times = 1): string {
  let line = lineOf(text);
  let completion: Completion | null = null;
  for (let i = 0; i < times; i += 1) {
    const result = complete(line, users, completion);
    if (!result) return line.text;
    line = result.line;
    completion = result.completion;
  }
  return line.text;
}

describe('Tab completion', () => {
  it('completes a name after To: with the arrow', () => {
    expect(press('To:bo')).toBe('To:bob-->');
  });

  it('completes a name after @ in the middle of a line', () => {
    expect(press('hi @bo')).toBe('hi @bob ');
  });

  it('completes a name at the start of a line', () => {
    expect(press('bo')).toBe('bob: ');
  });

  it('completes command names', () => {
    expect(press('/ra')).toBe('/rank ');
    expect(press('/m')).toBe('/msg ');
    expect(press('/sa')).toBe('/say ');
  });

  it('cycles through matches on repeated Tab', () => {
    expect(press('@al', 1)).toBe('@alice ');
    expect(press('@al', 2)).toBe('@albert ');
    expect(press('@al', 3)).toBe('@alice ');
  });

  it('completes the name after /msg', () => {
    expect(press('/msg al')).toBe('/msg alice ');
  });

  it('leaves the line alone when nothing matches', () => {
    expect(press('hello zz')).toBe('hello zz');
  });
});
