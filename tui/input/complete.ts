/**
 * Tab completion of online names and command names. The first Tab picks
 * the first match; each further Tab replaces it with the next one.
 */
import { COMMAND_NAMES } from '../../shared/commands.ts';
import type { LineState } from './line-editor.ts';

/** A completion in progress, kept while the user keeps pressing Tab. */
export interface Completion {
  /** The line as it was before the first Tab. */
  original: LineState;
  start: number;
  candidates: string[];
  index: number;
}

interface Context {
  start: number;
  prefix: string;
  candidates: string[];
}

function startsWithFold(value: string, prefix: string): boolean {
  return value.toLowerCase().startsWith(prefix.toLowerCase());
}

/** What can complete the word before the cursor, and how it is inserted. */
function contextAt(line: LineState, users: readonly string[]): Context | null {
  const before = line.text.slice(0, line.cursor);
  const privateTo = /^to[:：](\S*)$/i.exec(before);
  if (privateTo) {
    const prefix = privateTo[1]!;
    const start = before.length - prefix.length;
    const names = users.filter((name) => startsWithFold(name, prefix));
    return { start, prefix, candidates: names.map((name) => `${name}-->`) };
  }

  const wordStart =
    Math.max(before.lastIndexOf(' '), before.lastIndexOf('\n')) + 1;
  const word = before.slice(wordStart);
  if (word.startsWith('@')) {
    const names = users.filter((name) => startsWithFold(name, word.slice(1)));
    return {
      start: wordStart,
      prefix: word,
      candidates: names.map((n) => `@${n} `),
    };
  }
  if (/^\/(msg|query|w) \S*$/i.test(before)) {
    const names = users.filter((name) => startsWithFold(name, word));
    return {
      start: wordStart,
      prefix: word,
      candidates: names.map((n) => `${n} `),
    };
  }
  if (wordStart !== 0) return null;

  const commands = COMMAND_NAMES.filter(
    (name) => word !== '' && startsWithFold(name, word),
  ).map((name) => (name.endsWith(':') ? name : `${name} `));
  const names = users
    .filter((name) => startsWithFold(name, word))
    .map((name) => `${name}: `);
  return { start: 0, prefix: word, candidates: [...commands, ...names] };
}

function apply(
  original: LineState,
  start: number,
  replacement: string,
): LineState {
  const text =
    original.text.slice(0, start) +
    replacement +
    original.text.slice(original.cursor);
  return { text, cursor: start + replacement.length };
}

/**
 * Handles one Tab press. Returns the new line and the completion to keep
 * for the next Tab, or null when nothing matches.
 */
export function complete(
  line: LineState,
  users: readonly string[],
  previous: Completion | null,
): { line: LineState; completion: Completion } | null {
  if (previous && previous.candidates.length > 0) {
    const index = (previous.index + 1) % previous.candidates.length;
    const completion = { ...previous, index };
    const replacement = previous.candidates[index]!;
    return {
      line: apply(previous.original, previous.start, replacement),
      completion,
    };
  }
  const context = contextAt(line, users);
  if (!context || context.candidates.length === 0) return null;
  const completion: Completion = {
    original: line,
    start: context.start,
    candidates: context.candidates,
    index: 0,
  };
  return {
    line: apply(line, context.start, context.candidates[0]!),
    completion,
  };
}
