/**
 * Wraps styled text by terminal cells rather than by characters, so CJK,
 * emoji sequences and combining marks never push a border out of place.
 */
import { cellWidth, graphemes } from './graphemes.ts';

/** How one run of text is drawn; colours are Ink colour names. */
export interface SegmentStyle {
  color?: string;
  dim?: boolean;
  bold?: boolean;
  inverse?: boolean;
  underline?: boolean;
}

/** A run of text with one style. */
export interface Segment {
  text: string;
  style: SegmentStyle;
}

/** One screen row: segments whose widths add up to at most the width. */
export type Row = Segment[];

interface Cell {
  text: string;
  width: number;
  style: SegmentStyle;
}

function toCells(segments: readonly Segment[]): Cell[] {
  const cells: Cell[] = [];
  for (const segment of segments) {
    for (const text of graphemes(segment.text)) {
      cells.push({
        text,
        width: text === '\n' ? 0 : cellWidth(text),
        style: segment.style,
      });
    }
  }
  return cells;
}

function toRow(cells: readonly Cell[]): Row {
  const row: Row = [];
  for (const cell of cells) {
    const last = row[row.length - 1];
    if (last && last.style === cell.style) last.text += cell.text;
    else row.push({ text: cell.text, style: cell.style });
  }
  return row;
}

/** Splits cells at forced line breaks. */
function splitLines(cells: Cell[]): Cell[][] {
  const lines: Cell[][] = [[]];
  for (const cell of cells) {
    if (cell.text === '\n') lines.push([]);
    else lines[lines.length - 1]!.push(cell);
  }
  return lines;
}

/**
 * Greedy word wrap of one line of cells into widths: the first row gets
 * `first` cells, the others `rest`. A word longer than a row is split
 * between graphemes.
 */
function wrapLine(cells: Cell[], first: number, rest: number): Cell[][] {
  const rows: Cell[][] = [];
  let start = 0;
  do {
    const limit = rows.length === 0 ? first : rest;
    let used = 0;
    let end = start;
    while (end < cells.length && used + cells[end]!.width <= limit) {
      used += cells[end]!.width;
      end += 1;
    }
    if (end === start && end < cells.length) {
      // Note: a grapheme wider than a whole row cannot be shown; a
      // replacement character keeps the row inside its width.
      cells[end] = { text: '\ufffd', width: 1, style: cells[end]!.style };
      end += 1;
    }
    const isBreakAtSpace = end < cells.length && cells[end]!.text === ' ';
    if (end < cells.length && !isBreakAtSpace) {
      let space = end;
      while (space > start && cells[space - 1]!.text !== ' ') space -= 1;
      if (space > start) end = space;
    }
    rows.push(cells.slice(start, end));
    start = isBreakAtSpace ? end + 1 : end;
  } while (start < cells.length);
  return rows;
}

/**
 * Wraps segments into rows of at most `width` cells. Continuation rows
 * start with `indent` blank cells (dropped when the width is too small),
 * so wrapped text lines up under the first row's text.
 */
export function wrapSegments(
  segments: readonly Segment[],
  width: number,
  indent = 0,
): Row[] {
  const safeWidth = Math.max(1, width);
  const pad = indent * 2 <= safeWidth ? indent : 0;
  const padding: Segment = { text: ' '.repeat(pad), style: {} };
  const rows: Row[] = [];

  splitLines(toCells(segments)).forEach((line, lineIndex) => {
    const first = lineIndex === 0 ? safeWidth : safeWidth - pad;
    wrapLine(line, first, safeWidth - pad).forEach((cells, rowIndex) => {
      const isContinuation = lineIndex > 0 || rowIndex > 0;
      const row = toRow(cells);
      rows.push(isContinuation && pad > 0 ? [padding, ...row] : row);
    });
  });
  return rows;
}

/** The width of a row in cells. */
export function rowWidth(row: Row): number {
  return row.reduce((sum, segment) => sum + cellWidth(segment.text), 0);
}
