/**
 * Where the messages pane is scrolled to. The view is anchored to a line
 * (by its `seq`) rather than to a row count, so new messages arriving
 * below never move what the user is reading, and a resize keeps the
 * same line at the bottom. A held view lays out one row fewer than the
 * pane has: its last row is the marker that says it is held.
 */
import type { ChatLine, LineKind } from '../state/chat-types.ts';
import type { Row } from '../text/wrap.ts';

/**
 * Following the newest line, or held with line `seq` at the bottom;
 * `since` is the last line's `seq` when the view left the bottom.
 */
export type ScrollView =
  | { kind: 'follow' }
  | { kind: 'held'; seq: number; skip: number; since: number };

/** The view that follows new messages. */
export const FOLLOW: ScrollView = { kind: 'follow' };

/** The rows of one line (from a MessageLayout). */
export type RowsOf = (lines: readonly ChatLine[], index: number) => Row[];

/** Lines counted as new messages below a held view; presence is not. */
const MESSAGE_KINDS: ReadonlySet<LineKind> = new Set([
  'chat',
  'action',
  'private',
]);

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

/** Rows a view has for messages in a pane `paneRows` tall. */
export function messageRows(view: ScrollView, paneRows: number): number {
  return view.kind === 'held' ? heldRows(paneRows) : paneRows;
}

function heldRows(paneRows: number): number {
  return Math.max(0, paneRows - 1);
}

/** What the pane shows: its message rows, and what arrived below them. */
export interface Window {
  rows: Row[];
  /** Messages below the view that arrived after it was held. */
  newBelow: number;
}

/**
 * Lays out only the message rows that fit in a pane `paneRows` tall,
 * bottom-up; a held view leaves the last row for its marker.
 */
export function visibleWindow(
  lines: readonly ChatLine[],
  view: ScrollView,
  paneRows: number,
  rowsOf: RowsOf,
): Window {
  const height = messageRows(view, paneRows);
  if (lines.length === 0 || height <= 0) {
    return { rows: [], newBelow: newBelow(lines, view) };
  }
  const { index, skip } = positionOf(lines, view);
  const bottom = rowsOf(lines, index);
  let rows = bottom.slice(0, Math.max(0, bottom.length - skip));
  let top = index;
  while (rows.length < height && top > 0) {
    top -= 1;
    rows = [...rowsOf(lines, top), ...rows];
  }
  return { rows: rows.slice(-height), newBelow: newBelow(lines, view) };
}

/** Messages after both the held line and the moment the view was held. */
function newBelow(lines: readonly ChatLine[], view: ScrollView): number {
  if (view.kind === 'follow' || lines.length === 0) return 0;
  const { index } = positionOf(lines, view);
  const after = Math.max(view.since, lines[index]!.seq);
  let count = 0;
  for (let at = lines.length - 1; at >= 0 && lines[at]!.seq > after; at -= 1) {
    if (MESSAGE_KINDS.has(lines[at]!.kind)) count += 1;
  }
  return count;
}

/** The `since` a view keeps, or starts from when it leaves the bottom. */
function sinceOf(lines: readonly ChatLine[], view: ScrollView): number {
  return view.kind === 'held' ? view.since : (lines.at(-1)?.seq ?? 0);
}

/** Scrolls up by `amount` rows, stopping when the first line is on top. */
export function scrollUp(
  lines: readonly ChatLine[],
  view: ScrollView,
  amount: number,
  paneRows: number,
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
  const since = sinceOf(lines, view);
  const held: ScrollView = {
    kind: 'held',
    seq: lines[index]!.seq,
    skip,
    since,
  };
  return clampToTop(lines, held, paneRows, rowsOf);
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
  return { ...view, seq: lines[index]!.seq, skip };
}

/**
 * The view with the very first line at the top of the pane, or FOLLOW
 * when every line fits in the pane anyway.
 */
export function scrollToTop(
  lines: readonly ChatLine[],
  view: ScrollView,
  paneRows: number,
  rowsOf: RowsOf,
): ScrollView {
  if (fitsIn(lines, paneRows, rowsOf)) return FOLLOW;
  const since = sinceOf(lines, view);
  let remaining = heldRows(paneRows);
  for (let index = 0; index < lines.length; index += 1) {
    const count = rowsOf(lines, index).length;
    if (count >= remaining) {
      const skip = count - remaining;
      return { kind: 'held', seq: lines[index]!.seq, skip, since };
    }
    remaining -= count;
  }
  return FOLLOW;
}

/** Whether every line fits in `height` rows, counting no further. */
function fitsIn(
  lines: readonly ChatLine[],
  height: number,
  rowsOf: RowsOf,
): boolean {
  let total = 0;
  for (let index = 0; index < lines.length && total <= height; index += 1) {
    total += rowsOf(lines, index).length;
  }
  return total <= height;
}

/**
 * The view, or one scrolled down just enough that no blank space shows
 * above the first line (after a scroll up, or when the pane grew).
 */
export function clampToTop(
  lines: readonly ChatLine[],
  view: ScrollView,
  paneRows: number,
  rowsOf: RowsOf,
): ScrollView {
  const { index, skip } = positionOf(lines, view);
  const height = messageRows(view, paneRows);
  let above = rowsOf(lines, index).length - skip;
  for (let top = index - 1; top >= 0 && above < height; top -= 1) {
    above += rowsOf(lines, top).length;
  }
  return above < height ? scrollToTop(lines, view, paneRows, rowsOf) : view;
}
