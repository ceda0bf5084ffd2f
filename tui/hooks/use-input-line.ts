/**
 * The chat input line: editing keys, Tab completion, Up/Down history and
 * submitting. Submitting parses the line; a long paste asks first.
 */
import { useCallback, useRef, useState } from 'react';
import { parseCommand, type Command } from '../../shared/commands.ts';
import { DEFAULT_MAX_MESSAGE_CHARS } from '../../shared/protocol.ts';
import { countChars, lengthProblem } from '../commands/message-limit.ts';
import { complete, type Completion } from '../input/complete.ts';
import {
  EMPTY_HISTORY,
  newer,
  older,
  remember,
  type InputHistory,
} from '../input/input-history.ts';
import * as edit from '../input/line-editor.ts';
import type { Keypress } from '../input/keys.ts';

/** A paste longer than this many lines or characters asks before sending. */
export const LONG_PASTE_LINES = 10;
export const LONG_PASTE_CHARS = 1000;

/** How to answer the long-paste question; other keys leave it asking. */
export const CONFIRM_KEYS = 'y sends · n or Esc to edit';

/** A hint or error under the input line. */
export interface InputNotice {
  text: string;
  isError: boolean;
}

/**
 * Runs a command parsed from the line `typed`; returns an error to show,
 * or null when done.
 */
export type Submit = (command: Command, typed: string) => string | null;

/** The line, its notice, and the key handler for editing keys. */
export interface InputLine {
  line: edit.LineState;
  notice: InputNotice | null;
  isConfirming: boolean;
  /** Whether the line is empty now, after keys not yet drawn. */
  isEmpty: () => boolean;
  /** Whether the cursor is at the end of the line now (an empty one too). */
  isAtEnd: () => boolean;
  /** Handles a key; returns false when the key is not an editing key. */
  handleKey: (key: Keypress) => boolean;
  /** Takes the notice away if it still says `text`; others stay. */
  dismissNotice: (text: string) => void;
  /**
   * Puts a refused line back, with `notice` (why) under it, if the line
   * is empty; returns false, changing nothing, when the user has typed
   * something since (the refused line is in the history then).
   */
  offerLine: (text: string, notice: string) => boolean;
}

function isLong(text: string): boolean {
  return (
    text.split('\n').length > LONG_PASTE_LINES ||
    countChars(text) > LONG_PASTE_CHARS
  );
}

const EDITS: Partial<Record<string, (line: edit.LineState) => edit.LineState>> =
  {
    left: edit.moveLeft,
    right: edit.moveRight,
    home: edit.moveHome,
    end: edit.moveEnd,
    backspace: edit.backspace,
    delete: edit.deleteForward,
    wordleft: edit.moveWordLeft,
    wordright: edit.moveWordRight,
    'ctrl-a': edit.moveHome,
    'ctrl-e': edit.moveEnd,
    'ctrl-b': edit.moveLeft,
    'ctrl-f': edit.moveRight,
    'ctrl-h': edit.backspace,
    'ctrl-d': edit.deleteForward,
    'ctrl-w': edit.deleteWordBack,
    'ctrl-u': edit.deleteToStart,
    'ctrl-k': edit.deleteToEnd,
  };

/**
 * State and key handling for the chat input line. A message longer than
 * `maxChars` is refused before it is sent, and stays in the box.
 */
export function useInputLine(
  users: readonly string[],
  submit: Submit,
  maxChars = DEFAULT_MAX_MESSAGE_CHARS,
): InputLine {
  // Several keys can arrive in one input chunk, before React re-renders,
  // so the handler reads and writes the line through refs.
  const [line, setLineState] = useState(edit.EMPTY_LINE);
  const lineRef = useRef(line);
  const setLine = (next: edit.LineState) => {
    lineRef.current = next;
    setLineState(next);
  };
  const [notice, setNotice] = useState<InputNotice | null>(null);
  const [isConfirming, setConfirmingState] = useState(false);
  const confirmingRef = useRef(false);
  const setConfirming = (value: boolean) => {
    confirmingRef.current = value;
    setConfirmingState(value);
  };
  const completion = useRef<Completion | null>(null);
  const history = useRef<InputHistory>(EMPTY_HISTORY);

  const send = (text: string) => {
    const error = submit(parseCommand(text), text);
    if (error) {
      setNotice({ text: error, isError: true });
      return;
    }
    history.current = remember(history.current, text);
    setLine(edit.EMPTY_LINE);
    setNotice(null);
  };

  // Only y sends: an Enter typed twice must not answer for the user.
  const confirmKey = (key: Keypress): boolean => {
    const answer = key.name === 'text' ? key.text.toLowerCase() : key.name;
    if (answer === 'y') {
      setConfirming(false);
      send(lineRef.current.text);
    } else if (answer === 'n' || answer === 'escape') {
      setConfirming(false);
      setNotice({
        text: 'Not sent; the paste is still in the box.',
        isError: false,
      });
    }
    return true;
  };

  const handleKey = (key: Keypress): boolean => {
    if (confirmingRef.current) return confirmKey(key);
    const line = lineRef.current;
    const wasCompleting = completion.current;
    completion.current = null;

    if (key.name === 'tab') {
      const result = complete(line, users, wasCompleting);
      if (result) {
        completion.current = result.completion;
        setLine(result.line);
      }
      return true;
    }
    if (key.name === 'enter') {
      if (line.text.trim() === '') return true;
      const problem = lengthProblem(parseCommand(line.text), maxChars);
      if (problem) {
        setNotice({ text: problem, isError: true });
        return true;
      }
      if (isLong(line.text)) {
        const lines = line.text.split('\n').length;
        const chars = `${countChars(line.text)} characters`;
        const what = lines > 1 ? `${lines} lines (${chars})` : chars;
        setConfirming(true);
        setNotice({
          text: `Send ${what} as one message? ${CONFIRM_KEYS}`,
          isError: false,
        });
        return true;
      }
      send(line.text);
      return true;
    }
    if (key.name === 'up' || key.name === 'down') {
      const step = key.name === 'up' ? older : newer;
      const [next, text] = step(history.current, line.text);
      history.current = next;
      changeLine(line, edit.lineOf(text));
      return true;
    }
    if (key.name === 'text') {
      changeLine(line, edit.insert(line, key.text));
      return true;
    }
    const action = EDITS[key.ctrl ? `ctrl-${key.ctrl}` : key.name];
    if (!action) return false;
    changeLine(line, action(line));
    return true;
  };

  // A notice is about the text it was given for: a change to the text
  // (not a cursor move) takes it away.
  const changeLine = (line: edit.LineState, next: edit.LineState) => {
    setLine(next);
    if (next.text !== line.text) setNotice(null);
  };

  const isEmpty = () => lineRef.current.text === '';
  const isAtEnd = () => lineRef.current.cursor === lineRef.current.text.length;
  const dismissNotice = useCallback((text: string) => {
    setNotice((current) => (current?.text === text ? null : current));
  }, []);
  const offerLine = useCallback((text: string, notice: string) => {
    if (lineRef.current.text !== '' || confirmingRef.current) return false;
    const next = edit.lineOf(text);
    lineRef.current = next;
    setLineState(next);
    completion.current = null;
    setNotice({ text: notice, isError: true });
    return true;
  }, []);
  return {
    line,
    notice,
    isConfirming,
    isEmpty,
    isAtEnd,
    handleKey,
    dismissNotice,
    offerLine,
  };
}
