import { describe, expect, it } from 'vitest';
import type { ChatLine, LineKind } from '../state/chat-types.ts';
import type { Row } from '../text/wrap.ts';
import {
  FOLLOW,
  scrollDown,
  scrollToTop,
  scrollUp,
  visibleWindow,
  type RowsOf,
} from './scrollback.ts';

function lines(count: number, firstSeq = 1, kind: LineKind = 'chat') {
  return Array.from({ length: count }, (_, index): ChatLine => ({
    seq: firstSeq + index,
    kind,
    time: 0,
    sender: 'bob',
    text: `m${firstSeq + index}`,
    isOwn: false,
    isMention: false,
    isHistory: false,
  }));
}

// Every line is two rows tall: its text, then a second row.
const rowsOf: RowsOf = (all, index) => [
  [{ text: all[index]!.text, style: {} }],
  [{ text: '.', style: {} }],
];
const shown = (rows: Row[]) =>
  rows.map((row) => row[0]!.text).filter((text) => text !== '.');

describe('scrollback', () => {
  it('shows the newest rows while following', () => {
    const window = visibleWindow(lines(10), FOLLOW, 4, rowsOf);
    expect(shown(window.rows)).toEqual(['m9', 'm10']);
    expect(window.newBelow).toBe(0);
  });

  it('leaves the last row of a held view for its marker', () => {
    const all = lines(10);
    const view = scrollUp(all, FOLLOW, 4, 5, rowsOf);
    const window = visibleWindow(all, view, 5, rowsOf);
    expect(window.rows).toHaveLength(4);
    expect(shown(window.rows)).toEqual(['m7', 'm8']);
  });

  it('counts nothing new right after scrolling up, whatever is below', () => {
    const all = lines(30);
    const view = scrollUp(all, FOLLOW, 20, 5, rowsOf);
    expect(visibleWindow(all, view, 5, rowsOf).newBelow).toBe(0);
  });

  it('keeps the view still when new lines arrive while scrolled up, and counts them', () => {
    const before = lines(10);
    const view = scrollUp(before, FOLLOW, 4, 5, rowsOf);
    const after = [...before, ...lines(5, 11)];
    const window = visibleWindow(after, view, 5, rowsOf);
    expect(shown(window.rows)).toEqual(['m7', 'm8']);
    expect(window.newBelow).toBe(5);
  });

  it('counts messages that arrived, not join, leave or notice lines', () => {
    const before = lines(10);
    const view = scrollUp(before, FOLLOW, 4, 5, rowsOf);
    const after = [
      ...before,
      ...lines(1, 11, 'join'),
      ...lines(1, 12, 'chat'),
      ...lines(1, 13, 'leave'),
      ...lines(1, 14, 'private'),
      ...lines(1, 15, 'notice'),
      ...lines(1, 16, 'action'),
    ];
    expect(visibleWindow(after, view, 5, rowsOf).newBelow).toBe(3);
  });

  it('keeps counting from the first PgUp when paging further up', () => {
    const before = lines(20);
    const first = scrollUp(before, FOLLOW, 4, 5, rowsOf);
    const after = [...before, ...lines(2, 21)];
    const second = scrollUp(after, first, 4, 5, rowsOf);
    expect(visibleWindow(after, second, 5, rowsOf).newBelow).toBe(2);
  });

  it('stops counting what paging down has brought into view', () => {
    const before = lines(20);
    const up = scrollUp(before, FOLLOW, 10, 5, rowsOf);
    const after = [...before, ...lines(3, 21)];
    const down = scrollDown(after, up, 12, rowsOf);
    expect(shown(visibleWindow(after, down, 5, rowsOf).rows)).toEqual([
      'm20',
      'm21',
    ]);
    expect(visibleWindow(after, down, 5, rowsOf).newBelow).toBe(2);
  });

  it('follows again after paging back down to the bottom', () => {
    const all = lines(10);
    const up = scrollUp(all, FOLLOW, 6, 4, rowsOf);
    expect(scrollDown(all, up, 3, rowsOf).kind).toBe('held');
    expect(scrollDown(all, up, 6, rowsOf)).toEqual(FOLLOW);
  });

  it('stops at the first line instead of scrolling into blank space', () => {
    const all = lines(10);
    const view = scrollUp(all, FOLLOW, 1000, 5, rowsOf);
    const window = visibleWindow(all, view, 5, rowsOf);
    expect(shown(window.rows)).toEqual(['m1', 'm2']);
    expect(window.rows[0]![0]!.text).toBe('m1');
    expect(view).toEqual(scrollToTop(all, FOLLOW, 5, rowsOf));
  });

  it('shows the first row of the first line, such as its day separator, at the top', () => {
    const all = lines(10);
    const withDay: RowsOf = (each, index) =>
      index === 0
        ? [[{ text: '── day ──', style: {} }], ...rowsOf(each, index)]
        : rowsOf(each, index);
    const top = scrollToTop(all, FOLLOW, 6, withDay);
    const window = visibleWindow(all, top, 6, withDay);
    expect(window.rows.map((row) => row[0]!.text)).toEqual([
      '── day ──',
      'm1',
      '.',
      'm2',
      '.',
    ]);
    const pagedUp = scrollUp(all, top, 4, 6, withDay);
    expect(visibleWindow(all, pagedUp, 6, withDay).rows[0]![0]!.text).toBe(
      '── day ──',
    );
  });

  it('stays following when every line already fits', () => {
    const all = lines(3);
    expect(scrollToTop(all, FOLLOW, 6, rowsOf)).toEqual(FOLLOW);
    expect(scrollUp(all, FOLLOW, 4, 6, rowsOf)).toEqual(FOLLOW);
  });

  it('survives the anchored line being dropped by the cap', () => {
    const view = scrollUp(lines(10), FOLLOW, 16, 5, rowsOf);
    const window = visibleWindow(lines(10, 50), view, 5, rowsOf);
    expect(shown(window.rows)).toEqual(['m50']);
  });
});
