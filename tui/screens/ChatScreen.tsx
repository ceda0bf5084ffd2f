/**
 * The chat screen: messages, online users, ranking, the input box and the
 * status line, and the keys that move between them.
 */
import React, {
  useEffect,
  useLayoutEffect,
  useMemo,
  useState,
  useSyncExternalStore,
} from 'react';
import { Box } from 'ink';
import type { Command } from '../../shared/commands.ts';
import { NOT_CONNECTED, runCommand } from '../commands/run-command.ts';
import { useInputLine } from '../hooks/use-input-line.ts';
import { useKeypress } from '../hooks/use-keypress.ts';
import { useTerminalSize } from '../hooks/use-terminal-size.ts';
import type { Keypress } from '../input/keys.ts';
import type { ChatSession, LinkState } from '../net/chat-session.ts';
import { helpRows, helpWindow } from '../panes/help-rows.ts';
import { InputBox } from '../panes/InputBox.tsx';
import { MessageLayout } from '../panes/message-layout.ts';
import { MessagesPane } from '../panes/MessagesPane.tsx';
import { RankPane } from '../panes/RankPane.tsx';
import {
  clampToTop,
  FOLLOW,
  scrollDown,
  scrollToTop,
  scrollUp,
  type ScrollView,
} from '../panes/scrollback.ts';
import { StatusLine } from '../panes/StatusLine.tsx';
import { UsersPane } from '../panes/UsersPane.tsx';
import type { ChatStore } from '../state/chat-store.ts';
import { useTheme } from '../theme.ts';
import { chatLayout, isChatFitting, MIN_CHAT_SIZE } from './chat-layout.ts';
import { TooSmallScreen } from './TooSmallScreen.tsx';

interface Props {
  session: ChatSession;
  store: ChatStore;
  server: string;
  onQuit: () => void;
}

function useLink(session: ChatSession): LinkState {
  const [link, setLink] = useState(session.link);
  useEffect(() => {
    session.on('link', setLink);
    return () => {
      session.off('link', setLink);
    };
  }, [session]);
  return link;
}

function useClock(isTicking: boolean): number {
  const [now, setNow] = useState(Date.now());
  useEffect(() => {
    if (!isTicking) return;
    setNow(Date.now());
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, [isTicking]);
  return now;
}

/** The main chat screen. */
export function ChatScreen({
  session,
  store,
  server,
  onQuit,
}: Props): React.JSX.Element {
  const theme = useTheme();
  const state = useSyncExternalStore(store.subscribe, store.getState);
  const link = useLink(session);
  const now = useClock(link.kind === 'offline' && link.retryAt !== null);
  const { columns, rows } = useTerminalSize();
  const [sidePreference, setSidePreference] = useState<boolean | null>(null);
  const [isHelpOpen, setHelpOpenState] = useState(false);
  const [helpOffset, setHelpOffset] = useState(0);
  const setHelpOpen = (isOpen: boolean) => {
    setHelpOpenState(isOpen);
    setHelpOffset(0);
  };
  const [view, setView] = useState<ScrollView>(FOLLOW);
  const isFitting = isChatFitting(columns, rows);

  const chosenLayout = chatLayout(columns, rows, sidePreference);
  // Help covers the side panes too, so its lines are readable at 80
  // columns; the messages keep their own width underneath.
  const layout = isHelpOpen ? chatLayout(columns, rows, false) : chosenLayout;
  const messagesInner = Math.max(1, chosenLayout.messagesWidth - 2);
  const paneRows = Math.max(1, layout.mainHeight - 2);
  const messageLayout = useMemo(
    () => new MessageLayout(messagesInner, theme),
    [messagesInner, theme],
  );
  const rowsOf = messageLayout.rowsOf.bind(messageLayout);
  // A taller or wider pane may have room above the first line of a held
  // view: it moves down, before the frame is drawn, so none is blank. A
  // window too small to draw the pane leaves the view as it was.
  useLayoutEffect(() => {
    if (view.kind !== 'held' || !isFitting) return;
    const clamped = clampToTop(state.lines, view, paneRows, rowsOf);
    if (clamped !== view) setView(clamped);
  }, [view, state.lines, paneRows, messageLayout, isFitting]);

  const submit = (command: Command, typed: string): string | null => {
    const context = {
      session,
      store,
      quit: onQuit,
      openHelp: () => setHelpOpen(true),
    };
    const result = runCommand(command, context, typed);
    if (!result.ok) return result.error;
    if (command.kind !== 'help' && command.kind !== 'quit') setView(FOLLOW);
    return null;
  };
  // Tab offers everyone online but you: a private message to yourself is
  // refused, and a mention of yourself rings no one.
  const others = useMemo(
    () => state.users.filter((name) => name !== state.me),
    [state.users, state.me],
  );
  const input = useInputLine(others, submit);
  // Note: only the not-connected error goes when the link is back; an
  // error about the line itself still applies and stays until edited.
  const { dismissNotice } = input;
  useEffect(() => {
    const onLink = (next: LinkState) => {
      if (next.kind === 'online') dismissNotice(NOT_CONNECTED);
    };
    session.on('link', onLink);
    return () => {
      session.off('link', onLink);
    };
  }, [session, dismissNotice]);
  // A line the server refuses comes back to the box while it is empty.
  const { offerLine } = input;
  useEffect(() => store.returnLinesTo(offerLine), [store, offerLine]);
  const help = isHelpOpen
    ? helpWindow(
        helpRows(theme, Math.max(1, layout.messagesWidth - 2)),
        helpOffset,
        paneRows,
        theme,
      )
    : null;

  const handleKey = (key: Keypress) => {
    if (key.ctrl === 'c') return onQuit();
    // Note: a window too small to draw in takes no keys but Ctrl+C, so
    // nothing is typed, sent or scrolled unseen; growing it shows the
    // line and the view as they were.
    if (!isFitting) return;
    if (isHelpOpen && (key.name === 'escape' || key.name === 'f1')) {
      return setHelpOpen(false);
    }
    if (key.name === 'f1') return setHelpOpen(true);
    if (key.name === 'f2' || key.ctrl === 'p') {
      return setSidePreference(chosenLayout.sideWidth === 0);
    }
    if (key.ctrl === 'r') return session.reconnectNow();
    if (key.ctrl === 'l') return setView(FOLLOW);

    const page = Math.max(1, paneRows - 2);
    if (isHelpOpen && ['pageup', 'pagedown', 'up', 'down'].includes(key.name)) {
      const step = key.name === 'up' || key.name === 'down' ? 1 : page;
      const sign = key.name === 'pageup' || key.name === 'up' ? -1 : 1;
      return setHelpOffset(help!.offset + sign * step);
    }
    if (key.name === 'pageup') {
      return setView((current) =>
        scrollUp(state.lines, current, page, paneRows, rowsOf),
      );
    }
    if (key.name === 'pagedown') {
      return setView((current) =>
        scrollDown(state.lines, current, page, rowsOf),
      );
    }
    const isLineEmpty = input.isEmpty();
    if (isLineEmpty && key.name === 'home') {
      return setView((current) =>
        scrollToTop(state.lines, current, paneRows, rowsOf),
      );
    }
    // End first goes to the end of the line, then down to the newest.
    if (input.isAtEnd() && key.name === 'end') return setView(FOLLOW);
    // Esc with help closed goes to the line: it answers "no" to a paste.
    input.handleKey(key);
  };
  useKeypress(handleKey);

  if (!isFitting) {
    return <TooSmallScreen size={{ columns, rows }} needed={MIN_CHAT_SIZE} />;
  }
  return (
    <Box flexDirection="column" width={layout.width} height={layout.height}>
      <Box height={layout.mainHeight} width={layout.width}>
        <MessagesPane
          lines={state.lines}
          view={view}
          layout={messageLayout}
          width={layout.messagesWidth}
          height={layout.mainHeight}
          overlay={help?.rows}
        />
        {layout.sideWidth > 0 && (
          <Box flexDirection="column" width={layout.sideWidth}>
            <UsersPane
              users={state.users}
              me={state.me}
              width={layout.sideWidth}
              height={layout.usersHeight}
            />
            <RankPane
              rank={state.rank}
              me={state.me}
              width={layout.sideWidth}
              height={layout.rankHeight}
            />
          </Box>
        )}
      </Box>
      <InputBox
        line={input.line}
        width={layout.width}
        top={layout.inputTop}
        notice={input.notice}
      />
      <StatusLine
        server={server}
        user={state.me}
        link={link}
        width={layout.width}
        now={now}
      />
    </Box>
  );
}
