/**
 * Lines sent this session, recalled with Up and Down like a shell. The
 * half-typed line is kept as a draft while browsing.
 */

/** Sent lines and where Up/Down browsing stands. */
export interface InputHistory {
  entries: readonly string[];
  /** Index into entries while browsing; null when editing a new line. */
  position: number | null;
  draft: string;
}

/** No lines sent yet. */
export const EMPTY_HISTORY: InputHistory = {
  entries: [],
  position: null,
  draft: '',
};

const MAX_ENTRIES = 500;

/** Records a sent line (not repeating the previous one). */
export function remember(history: InputHistory, line: string): InputHistory {
  const last = history.entries[history.entries.length - 1];
  const entries = last === line ? history.entries : [...history.entries, line];
  return { entries: entries.slice(-MAX_ENTRIES), position: null, draft: '' };
}

/** Up: the previous entry, saving `current` as the draft first. */
export function older(
  history: InputHistory,
  current: string,
): [InputHistory, string] {
  if (history.entries.length === 0) return [history, current];
  const position =
    history.position === null
      ? history.entries.length - 1
      : Math.max(0, history.position - 1);
  const draft = history.position === null ? current : history.draft;
  return [{ ...history, position, draft }, history.entries[position]!];
}

/** Down: the next entry, or back to the draft after the newest. */
export function newer(
  history: InputHistory,
  current: string,
): [InputHistory, string] {
  if (history.position === null) return [history, current];
  const position = history.position + 1;
  if (position >= history.entries.length) {
    return [{ ...history, position: null, draft: '' }, history.draft];
  }
  return [{ ...history, position }, history.entries[position]!];
}
