import { describe, expect, it } from 'vitest';
import { SentLines } from './sent-lines.ts';

const line = (text: string) => ({ line: text, text });

describe('SentLines', () => {
  it('gives each line its own Ref and hands it back once', () => {
    const sent = new SentLines();
    const refs = ['a', 'b', 'c'].map((text) => sent.remember(line(text)));
    expect(new Set(refs).size).toBe(3);
    expect(sent.take(refs[1]!)).toEqual(line('b'));
    expect(sent.take(refs[1]!)).toBeUndefined();
    expect(sent.take('never sent')).toBeUndefined();
  });

  it('remembers only the newest lines, so memory stays bounded', () => {
    const sent = new SentLines(3);
    const refs = [1, 2, 3, 4, 5].map((n) => sent.remember(line(`${n}`)));
    expect(sent.size).toBe(3);
    expect(sent.take(refs[1]!)).toBeUndefined();
    expect(sent.take(refs[4]!)?.text).toBe('5');
  });

  it('forgets a line that could not be sent, and never reuses its Ref', () => {
    const sent = new SentLines();
    const offline = sent.remember(line('offline'));
    sent.forget(offline);
    expect(sent.size).toBe(0);
    expect(sent.remember(line('online'))).not.toBe(offline);
  });

  it("answers the oldest line with each copy of one's own message, and gives the rest back when the link drops", () => {
    const sent = new SentLines();
    const refs = ['a', 'b', 'c', 'd'].map((text) => sent.remember(line(text)));
    sent.delivered();
    expect(sent.take(refs[1]!)?.text).toBe('b');
    sent.delivered();
    expect(sent.takeUnanswered().map((lost) => lost.text)).toEqual(['d']);
    expect(sent.takeUnanswered()).toEqual([]);
    expect(sent.take(refs[3]!)).toBeUndefined();
  });
});
