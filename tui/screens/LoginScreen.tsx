/**
 * The first screen: name, masked password, and a choice between logging
 * in and registering. Errors from the server are shown in place and the
 * form stays filled in for another try.
 */
import React, { useEffect, useState } from 'react';
import { Box, Text, useCursor } from 'ink';
import { ERRORS } from '../../shared/errors.ts';
import { nameProblem } from '../../shared/names.ts';
import { useKeypress } from '../hooks/use-keypress.ts';
import { useRefState } from '../hooks/use-ref-state.ts';
import { useTerminalSize } from '../hooks/use-terminal-size.ts';
import type { Keypress } from '../input/keys.ts';
import * as edit from '../input/line-editor.ts';
import type { AuthMode, ChatSession, LinkState } from '../net/chat-session.ts';
import { inputView } from '../panes/input-view.ts';
import { textProps, useTheme } from '../theme.ts';
import { isChatFitting, MIN_CHAT_SIZE } from './chat-layout.ts';
import { TooSmallScreen } from './TooSmallScreen.tsx';

interface Props {
  session: ChatSession;
  server: string;
  onQuit: () => void;
}

type Field = 'name' | 'password' | 'mode';
const FIELDS: Field[] = ['name', 'password', 'mode'];
const FORM_WIDTH = 56;
const LABEL = 12;

/** Why the form cannot be sent yet, or null. */
export function formProblem(
  mode: AuthMode,
  name: string,
  password: string,
): string | null {
  if (name.trim() === '') return 'Type your name first.';
  if (password === '') return 'Type your password.';
  if (mode === 'register') {
    const problem = nameProblem(name.trim());
    if (problem) return ERRORS[problem];
  }
  return null;
}

/**
 * Why the server cannot be reached, as a sentence. Some reasons already
 * are one (a refused certificate, a server that does not speak TLS).
 */
export function offlineSentence(server: string, reason: string): string {
  return /[.!?]$/.test(reason) ? reason : `Cannot reach ${server}: ${reason}.`;
}

/** The login / register form. */
export function LoginScreen({
  session,
  server,
  onQuit,
}: Props): React.JSX.Element {
  const theme = useTheme();
  const { columns, rows } = useTerminalSize();
  const { setCursorPosition } = useCursor();
  const [fields, getFields, setFields] = useRefState({
    name: edit.EMPTY_LINE,
    password: edit.EMPTY_LINE,
  });
  const [focus, getFocus, setFocus] = useRefState<Field>('name');
  const [mode, getMode, setMode] = useRefState<AuthMode>('login');
  const [error, setError] = useState<string | null>(null);
  const [isBusy, getBusy, setBusy] = useRefState(false);

  useEffect(() => {
    const onRefused = (reason: string) => {
      setError(reason);
      setBusy(false);
    };
    // A connection lost while the user types (the server closes one that
    // has not logged in for a while) is no news: submit connects again.
    const onLink = (link: LinkState) => {
      if (link.kind !== 'offline' || !getBusy()) return;
      setError(offlineSentence(server, link.reason));
      setBusy(false);
    };
    session.on('refused', onRefused);
    session.on('link', onLink);
    return () => {
      session.off('refused', onRefused);
      session.off('link', onLink);
    };
  }, [session, server, getBusy, setBusy]);

  const submit = () => {
    const { name, password } = getFields();
    const mode = getMode();
    const problem = formProblem(mode, name.text, password.text);
    if (problem) return setError(problem);
    setError(null);
    setBusy(true);
    session.authenticate(mode, name.text.trim(), password.text);
  };

  const editField = (field: 'name' | 'password', key: Keypress) => {
    const line = getFields()[field];
    let next = line;
    if (key.name === 'text')
      next = edit.insert(line, key.text.replace(/\n/g, ''));
    else if (key.name === 'backspace' || key.ctrl === 'h')
      next = edit.backspace(line);
    else if (key.name === 'delete') next = edit.deleteForward(line);
    else if (key.name === 'left') next = edit.moveLeft(line);
    else if (key.name === 'right') next = edit.moveRight(line);
    else if (key.name === 'home' || key.ctrl === 'a')
      next = edit.moveHome(line);
    else if (key.name === 'end' || key.ctrl === 'e') next = edit.moveEnd(line);
    else if (key.ctrl === 'u') next = edit.deleteToStart(line);
    else if (key.ctrl === 'w') next = edit.deleteWordBack(line);
    setFields({ ...getFields(), [field]: next });
  };

  const moveFocus = (step: number) => {
    const index = FIELDS.indexOf(getFocus()) + step + FIELDS.length;
    setFocus(FIELDS[index % FIELDS.length]!);
  };
  const toggleMode = () =>
    setMode(getMode() === 'login' ? 'register' : 'login');

  // The form asks for the chat screen's size, so a window grown for it
  // also fits the screen that follows; the form itself needs less.
  const isFitting = isChatFitting(columns, rows);
  useKeypress((key) => {
    if (key.ctrl === 'c') return onQuit();
    // Note: as on the chat screen, nothing is typed unseen.
    if (!isFitting) return;
    if (key.ctrl === 'r') return toggleMode();
    if (key.name === 'tab' || key.name === 'down') return moveFocus(1);
    if (key.name === 'backtab' || key.name === 'up') return moveFocus(-1);
    const focus = getFocus();
    if (key.name === 'enter') {
      if (focus === 'name') return setFocus('password');
      return submit();
    }
    if (focus === 'mode') {
      if (key.name === 'left' || key.name === 'right' || key.text === ' ')
        toggleMode();
      return;
    }
    editField(focus, key);
  });

  const left = Math.max(0, Math.floor((columns - FORM_WIDTH) / 2));
  const top = Math.max(0, Math.floor((rows - 12) / 2));
  const fieldWidth = Math.max(
    4,
    Math.min(FORM_WIDTH, columns - left) - LABEL - 1,
  );
  const name = inputView(fields.name, fieldWidth);
  const password = inputView(
    {
      text: '*'.repeat([...fields.password.text].length),
      cursor: [...fields.password.text.slice(0, fields.password.cursor)].length,
    },
    fieldWidth,
  );
  const cursorRow = focus === 'name' ? 3 : focus === 'password' ? 4 : 5;
  const cursorColumn =
    focus === 'name'
      ? name.cursorColumn
      : focus === 'password'
        ? password.cursorColumn
        : 0;
  setCursorPosition(
    isFitting
      ? { x: left + LABEL + cursorColumn, y: top + cursorRow }
      : undefined,
  );

  const label = (field: Field, text: string) => (
    <Text {...textProps(focus === field ? theme.title : theme.hint)}>
      {text.padEnd(LABEL)}
    </Text>
  );
  const choice = (value: AuthMode, text: string) =>
    `${mode === value ? '[x]' : '[ ]'} ${text}`;

  if (!isFitting) {
    return <TooSmallScreen size={{ columns, rows }} needed={MIN_CHAT_SIZE} />;
  }
  // Note: rows keep their height and the form is cut at the bottom, so
  // the fields stay where the cursor is put; in a low window the key
  // hint goes first, then the end of a long error.
  return (
    <Box
      flexDirection="column"
      paddingLeft={left}
      paddingTop={top}
      width={columns}
      height={Math.max(1, rows - 1)}
      overflow="hidden"
    >
      <Box flexDirection="column" flexShrink={0}>
        <Text wrap="truncate" {...textProps(theme.title)}>
          termchat
        </Text>
        <Text wrap="truncate" {...textProps(theme.hint)}>
          {`Server ${server}`}
        </Text>
        <Text> </Text>
        <Text wrap="truncate">
          {label('name', 'Name')}
          {name.text}
        </Text>
        <Text wrap="truncate">
          {label('password', 'Password')}
          {password.text}
        </Text>
        <Text wrap="truncate">
          {label('mode', 'Mode')}
          {choice('login', 'Log in')} {choice('register', 'Register')}
        </Text>
        <Text> </Text>
        <Text wrap="wrap" {...textProps(error ? theme.error : theme.hint)}>
          {error ?? (isBusy ? 'Connecting…' : ' ')}
        </Text>
        <Text> </Text>
        <Text wrap="wrap" {...textProps(theme.hint)}>
          Tab next field · Ctrl+R log in / register · Enter submit · Ctrl+C quit
        </Text>
      </Box>
    </Box>
  );
}
