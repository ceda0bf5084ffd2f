import { describe, expect, it } from 'vitest';
import type { ChatLine } from '../state/chat-types.ts';
import type { Row } from '../text/wrap.ts';
import {
  FOLLOW,
  scrollDown,
  scrollToTop,
  scrollUp,
  visibleWindow,
} from './scrollback.ts';

function lines(count: number, firstSeq = 1): ChatLine[] {
  return Array.from({ length: count }, (_, index) => ({
    seq: firstSeq + index,
    kind: 'chat',
    time: 0,
    sender: 'bob',
    text: `m${firstSeq + index}`,
    isOwn: false,
    isMention: false,
    isHistory: false,
  }));
}

// Every line is two rows tall: its text, then a second row.
const rowsOf = (all: readonly ChatLine[], index: number): Row[] => [
  [{ text: all[index]!.text, style: {} }],
  [{ text: '.', style: {} }],
];
const shown = (rows: Row[]) =>
  rows.map((row) => row[0]!.text).filter((text) => text !== '.');

describe('scrollback', () => {
  it('shows the newest rows while following', () => {
    const window = visibleWindow(lines(10), FOLLOW, 4, rowsOf);
    expect(shown(window.rows)).toEqual(['m9', 'm10']);
    expect(window.linesBelow).toBe(0);
  });

  it('keeps the view still when new lines arrive while scrolled up', () => {
    const before = lines(10);
    const view = scrollUp(before, FOLLOW, 4, 4, rowsOf);
    const after = [...before, ...lines(5, 11)];
    const window = visibleWindow(after, view, 4, rowsOf);
    expect(shown(window.rows)).toEqual(['m7', 'm8']);
    expect(window.linesBelow).toBe(7);
  });

  it('follows again after paging back down to the bottom', () => {
    const all = lines(10);
    const up = scrollUp(all, FOLLOW, 6, 4, rowsOf);
    expect(scrollDown(all, up, 3, rowsOf).kind).toBe('held');
    expect(scrollDown(all, up, 6, rowsOf)).toEqual(FOLLOW);
  });

  it('stops at the first line instead of scrolling into blank space', () => {
    const all = lines(10);
    const view = scrollUp(all, FOLLOW, 1000, 4, rowsOf);
    expect(shown(visibleWindow(all, view, 4, rowsOf).rows)).toEqual([
      'm1',
      'm2',
    ]);
    expect(view).toEqual(scrollToTop(all, 4, rowsOf));
  });

  it('survives the anchored line being dropped by the cap', () => {
    const view = scrollUp(lines(10), FOLLOW, 16, 4, rowsOf);
    const window = visibleWindow(lines(10, 50), view, 4, rowsOf);
    expect(shown(window.rows)).toEqual(['m50']);
  });
});
