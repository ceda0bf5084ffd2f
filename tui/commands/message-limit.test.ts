import { describe, expect, it } from 'vitest';
import { parseCommand } from '../../shared/commands.ts';
import { countChars, lengthProblem } from './message-limit.ts';

describe('lengthProblem', () => {
  it('counts code points, as the server does, not UTF-16 units', () => {
    expect(countChars('😀é中')).toBe(3);
    expect(lengthProblem(parseCommand('😀'.repeat(2000)))).toBeNull();
    expect(lengthProblem(parseCommand('😀'.repeat(2001)))).toBe(
      'That is 2001 characters; the room takes at most 2000. Split it up.',
    );
  });

  it('holds room lines, actions and private messages to the limit', () => {
    const long = 'x'.repeat(2001);
    for (const line of [long, `/me ${long}`, `/msg bob ${long}`]) {
      expect(lengthProblem(parseCommand(line))).toMatch(/^That is 2001/);
    }
    expect(lengthProblem(parseCommand(`To:bob-->${'y'.repeat(2000)}`))).toBe(
      null,
    );
  });

  it('takes another limit when given one', () => {
    expect(lengthProblem(parseCommand('abcdef'), 5)).toBe(
      'That is 6 characters; the room takes at most 5. Split it up.',
    );
  });

  it('has nothing to say about commands that send no text', () => {
    expect(lengthProblem(parseCommand('/list'), 1)).toBeNull();
    expect(lengthProblem(parseCommand('/quit'), 1)).toBeNull();
  });
});
