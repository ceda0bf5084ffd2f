/**
 * The input box: a prompt and the visible window of the line, with the
 * real terminal cursor placed where the user types so an IME opens its
 * candidate window there.
 */
import React, { useMemo } from 'react';
import { Text, useCursor } from 'ink';
import { countChars } from '../commands/message-limit.ts';
import type { LineState } from '../input/line-editor.ts';
import { fitCells } from '../text/graphemes.ts';
import { sanitize } from '../text/sanitize.ts';
import { textProps, useTheme } from '../theme.ts';
import { inputView } from './input-view.ts';
import { Pane } from './Pane.tsx';

interface Props {
  line: LineState;
  width: number;
  /** The screen row of the box's top border, for the cursor position. */
  top: number;
  /**
   * Shown under the line instead of the key hint, e.g. a syntax error or
   * the server's reason for refusing a line (so it is made inert here).
   */
  notice?: { text: string; isError: boolean } | null;
  prompt?: string;
}

/** Rows the input box takes, borders included. */
export const INPUT_BOX_ROWS = 4;

const HINT = 'Enter send · Tab complete · PgUp/PgDn scroll · F1 help';

/**
 * The hint under the line. A multi-line paste shows one row of it at a
 * time, so the hint says how much is in the box.
 */
export function inputHint(text: string): string {
  const lines = text.split('\n').length;
  if (lines === 1) return HINT;
  return `(+${lines - 1} more lines, ${countChars(text)} characters in all) · Enter sends one message`;
}

/** The bordered input box: the line, then a hint or an error under it. */
export function InputBox(props: Props): React.JSX.Element {
  const { line, width, top, notice, prompt = '> ' } = props;
  const theme = useTheme();
  const { setCursorPosition } = useCursor();
  const inner = Math.max(1, width - 2 - prompt.length);
  const view = inputView(line, inner);
  // Counting a megabyte paste's lines takes milliseconds: once per text,
  // not again for every cursor move.
  const hint = useMemo(() => inputHint(line.text), [line.text]);
  setCursorPosition({ x: 1 + prompt.length + view.cursorColumn, y: top + 1 });

  return (
    <Pane width={width} height={INPUT_BOX_ROWS}>
      <Text wrap="truncate">
        <Text {...textProps(theme.title)}>{prompt}</Text>
        <Text>{view.text}</Text>
      </Text>
      <Text
        wrap="truncate"
        {...textProps(notice?.isError ? theme.error : theme.hint)}
      >
        {fitCells(
          notice ? sanitize(notice.text) : hint,
          Math.max(0, width - 2),
        )}
      </Text>
    </Pane>
  );
}
