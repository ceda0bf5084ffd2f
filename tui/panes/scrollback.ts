/**
 * Where the messages pane is scrolled to. The view is anchored to a line
 * (by its `seq`) rather than to a row count, so new messages arriving
 * below never move what the user is reading, and a resize keeps the
 * same line at the bottom.
 */
import type { ChatLine } from '../state/chat-types.ts';
import type { Row } from '../text/wrap.ts';

/** Following the newest line, or held with line `seq` at the bottom. */
export type ScrollView =
  { kind: 'follow' } | { kind: 'held'; seq: number; skip: number };

/** The view that follows new messages. */
export const FOLLOW: ScrollView = { kind: 'follow' };

/** The rows of one line (from a MessageLayout). */
export type RowsOf = (lines: readonly ChatLine[], index: number) => Row[];

interface Position {
  index: number;
  /** Rows of that line hidden below the pane's bottom edge. */
  skip: number;
}

function positionOf(lines: readonly ChatLine[], view: ScrollView): Position {
  if (view.kind === 'follow' || lines.length === 0) {
    return { index: lines.length - 1, skip: 0 };
  }
  const first = lines[0]!.seq;
  const index = Math.min(Math.max(view.seq - first, 0), lines.length - 1);
  return { index, skip: view.seq < first ? 0 : view.skip };
}

/** What the pane shows: its rows, and how many lines are below them. */
export interface Window {
  rows: Row[];
  linesBelow: number;
  isAtTop: boolean;
}

/** Lays out only the rows that fit in `height`, bottom-up. */
export function visibleWindow(
  lines: readonly ChatLine[],
  view: ScrollView,
  height: number,
  rowsOf: RowsOf,
): Window {
  if (lines.length === 0 || height <= 0) {
    return { rows: [], linesBelow: 0, isAtTop: true };
  }
  const { index, skip } = positionOf(lines, view);
  const bottom = rowsOf(lines, index);
  let rows = bottom.slice(0, Math.max(0, bottom.length - skip));
  let top = index;
  while (rows.length < height && top > 0) {
    top -= 1;
    rows = [...rowsOf(lines, top), ...rows];
  }
  const isAtTop = top === 0 && rows.length <= height;
  return {
    rows: rows.slice(-height),
    linesBelow: lines.length - 1 - index,
    isAtTop,
  };
}

/** Scrolls up by `amount` rows, stopping when the first line is on top. */
export function scrollUp(
  lines: readonly ChatLine[],
  view: ScrollView,
  amount: number,
  height: number,
  rowsOf: RowsOf,
): ScrollView {
  if (lines.length === 0) return view;
  let { index, skip } = positionOf(lines, view);
  skip += amount;
  while (index > 0 && skip >= rowsOf(lines, index).length) {
    skip -= rowsOf(lines, index).length;
    index -= 1;
  }
  skip = Math.min(skip, rowsOf(lines, index).length - 1);
  const held: ScrollView = { kind: 'held', seq: lines[index]!.seq, skip };
  return clampToTop(lines, held, height, rowsOf);
}

/** Scrolls down by `amount` rows, following again at the bottom. */
export function scrollDown(
  lines: readonly ChatLine[],
  view: ScrollView,
  amount: number,
  rowsOf: RowsOf,
): ScrollView {
  if (view.kind === 'follow' || lines.length === 0) return FOLLOW;
  let { index, skip } = positionOf(lines, view);
  skip -= amount;
  while (skip < 0) {
    if (index >= lines.length - 1) return FOLLOW;
    index += 1;
    skip += rowsOf(lines, index).length;
  }
  if (index >= lines.length - 1 && skip === 0) return FOLLOW;
  return { kind: 'held', seq: lines[index]!.seq, skip };
}

/** The view with the very first line at the top of the pane. */
export function scrollToTop(
  lines: readonly ChatLine[],
  height: number,
  rowsOf: RowsOf,
): ScrollView {
  if (lines.length === 0) return FOLLOW;
  let remaining = height;
  for (let index = 0; index < lines.length; index += 1) {
    const count = rowsOf(lines, index).length;
    if (count >= remaining) {
      if (index === lines.length - 1 && count === remaining) return FOLLOW;
      return { kind: 'held', seq: lines[index]!.seq, skip: count - remaining };
    }
    remaining -= count;
  }
  return FOLLOW;
}

/** Never scroll so far that blank space shows above the first line. */
function clampToTop(
  lines: readonly ChatLine[],
  view: ScrollView,
  height: number,
  rowsOf: RowsOf,
): ScrollView {
  const { index, skip } = positionOf(lines, view);
  let above = rowsOf(lines, index).length - skip;
  for (let top = index - 1; top >= 0 && above < height; top -= 1) {
    above += rowsOf(lines, top).length;
  }
  return above < height ? scrollToTop(lines, height, rowsOf) : view;
}
