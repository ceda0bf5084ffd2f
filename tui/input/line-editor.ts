/**
 * The input line as a value: text plus a cursor that always sits between
 * grapheme clusters, so one key press moves over or deletes a whole emoji
 * or an accented letter.
 */
import { graphemesAfter, graphemesBefore } from '../text/nearby-graphemes.ts';

/** The text being typed and where the cursor is (a UTF-16 offset). */
export interface LineState {
  text: string;
  cursor: number;
}

/** An empty line. */
export const EMPTY_LINE: LineState = { text: '', cursor: 0 };

/** The last grapheme boundary before the cursor. */
function previousStop(text: string, cursor: number): number {
  const [part] = graphemesBefore(text, cursor);
  return part?.index ?? 0;
}

/** The first grapheme boundary after the cursor. */
function nextStop(text: string, cursor: number): number {
  const [part] = graphemesAfter(text, cursor);
  if (!part) return text.length;
  // A cursor inside a grapheme stops at its end, where the next begins.
  return part.index > cursor ? part.index : part.index + part.text.length;
}

/** A line holding `text` with the cursor at its end. */
export function lineOf(text: string): LineState {
  return { text, cursor: text.length };
}

/** Inserts text at the cursor. */
export function insert(line: LineState, text: string): LineState {
  const before = line.text.slice(0, line.cursor);
  const after = line.text.slice(line.cursor);
  return { text: before + text + after, cursor: line.cursor + text.length };
}

/** Moves one grapheme left. */
export function moveLeft(line: LineState): LineState {
  return { ...line, cursor: previousStop(line.text, line.cursor) };
}

/** Moves one grapheme right. */
export function moveRight(line: LineState): LineState {
  return { ...line, cursor: nextStop(line.text, line.cursor) };
}

/** Moves to the start of the line. */
export function moveHome(line: LineState): LineState {
  return { ...line, cursor: 0 };
}

/** Moves to the end of the line. */
export function moveEnd(line: LineState): LineState {
  return { ...line, cursor: line.text.length };
}

/** Deletes the grapheme before the cursor. */
export function backspace(line: LineState): LineState {
  if (line.cursor === 0) return line;
  const start = previousStop(line.text, line.cursor);
  return {
    text: line.text.slice(0, start) + line.text.slice(line.cursor),
    cursor: start,
  };
}

/** Deletes the grapheme under the cursor. */
export function deleteForward(line: LineState): LineState {
  if (line.cursor >= line.text.length) return line;
  const end = nextStop(line.text, line.cursor);
  return {
    text: line.text.slice(0, line.cursor) + line.text.slice(end),
    cursor: line.cursor,
  };
}

/** Where the word before the cursor starts (skipping spaces first). */
function wordStart(text: string, cursor: number): number {
  let index = cursor;
  while (index > 0 && /\s/.test(text[index - 1]!)) index -= 1;
  while (index > 0 && !/\s/.test(text[index - 1]!)) index -= 1;
  return index;
}

/** Where the word after the cursor ends (skipping spaces first). */
function wordEnd(text: string, cursor: number): number {
  let index = cursor;
  while (index < text.length && /\s/.test(text[index]!)) index += 1;
  while (index < text.length && !/\s/.test(text[index]!)) index += 1;
  return index;
}

/** Ctrl+W: deletes the word before the cursor. */
export function deleteWordBack(line: LineState): LineState {
  const start = wordStart(line.text, line.cursor);
  return {
    text: line.text.slice(0, start) + line.text.slice(line.cursor),
    cursor: start,
  };
}

/** Ctrl+U: deletes everything before the cursor. */
export function deleteToStart(line: LineState): LineState {
  return { text: line.text.slice(line.cursor), cursor: 0 };
}

/** Ctrl+K: deletes everything after the cursor. */
export function deleteToEnd(line: LineState): LineState {
  return { text: line.text.slice(0, line.cursor), cursor: line.cursor };
}

/** Alt+B / Ctrl+Left: moves to the start of the previous word. */
export function moveWordLeft(line: LineState): LineState {
  return { ...line, cursor: wordStart(line.text, line.cursor) };
}

/** Alt+F / Ctrl+Right: moves past the end of the next word. */
export function moveWordRight(line: LineState): LineState {
  return { ...line, cursor: wordEnd(line.text, line.cursor) };
}
