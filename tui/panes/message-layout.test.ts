import { describe, expect, it } from 'vitest';
import type { ChatLine, LineKind } from '../state/chat-types.ts';
import { makeTheme } from '../theme.ts';
import { formatDay } from './message-format.ts';
import { MessageLayout } from './message-layout.ts';

/** Noon UTC on a day of March 2026: the same calendar day in most zones. */
const march = (day: number) => Date.UTC(2026, 2, day, 12);

function line(seq: number, kind: LineKind, time: number, text: string) {
  const chat: ChatLine = {
    seq,
    kind,
    time,
    sender: kind === 'unread' ? '' : 'bob',
    text,
    isOwn: false,
    isMention: false,
    isHistory: true,
  };
  return chat;
}

/** Every row of every line, as plain text. */
function screenOf(lines: readonly ChatLine[]): string[] {
  const layout = new MessageLayout(50, makeTheme(false));
  return lines.flatMap((_, index) =>
    layout
      .rowsOf(lines, index)
      .map((row) => row.map((segment) => segment.text).join('')),
  );
}

describe('MessageLayout', () => {
  it('puts a day separator before the first line and where the day changes', () => {
    const rows = screenOf([
      line(1, 'chat', march(1), 'one'),
      line(2, 'chat', march(1) + 1000, 'two'),
      line(3, 'chat', march(2), 'three'),
    ]);
    expect(rows).toHaveLength(5);
    expect(rows[0]).toContain(` ${formatDay(march(1))} `);
    expect(rows[1]).toContain('bob: one');
    expect(rows[2]).toContain('bob: two');
    expect(rows[3]).toContain(` ${formatDay(march(2))} `);
    expect(rows[4]).toContain('bob: three');
  });

  it('keeps the day separator, before the "new since" line, when unseen messages start a new day', () => {
    const rows = screenOf([
      line(1, 'chat', march(1), 'read'),
      line(2, 'unread', march(3), 'new since you were last here'),
      line(3, 'chat', march(3), 'missed'),
    ]);
    expect(rows).toHaveLength(5);
    expect(rows[1]).toContain('bob: read');
    expect(rows[2]).toContain(` ${formatDay(march(3))} `);
    expect(rows[3]).toMatch(/─ new since you were last here ─/);
    expect(rows[4]).toContain('bob: missed');
  });

  it('draws the "new since" line without a separator on the same day', () => {
    const rows = screenOf([
      line(1, 'chat', march(1), 'read'),
      line(2, 'unread', march(1) + 1000, 'new since you were last here'),
      line(3, 'chat', march(1) + 1000, 'missed'),
    ]);
    expect(rows).toHaveLength(4);
    expect(rows[2]).toMatch(/─ new since you were last here ─/);
    expect(rows[3]).toContain('bob: missed');
  });

  it('ends a rule label that does not fit in …, within the width', () => {
    const layout = new MessageLayout(20, makeTheme(false));
    const row = layout.rule('61 new below · End to jump down', {});
    const text = row.map((segment) => segment.text).join('');
    expect(text).toBe('─ 61 new below · … ─');
  });
});
