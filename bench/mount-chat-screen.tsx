/**
 * Mounts the chat screen, logged in as "bench", in a fake terminal, with
 * no server: the benchmarks feed it frames and keys themselves.
 */
import React from 'react';
import { render, type RenderOptions } from 'ink';
import { ChatSession } from '../tui/net/chat-session.ts';
import { ChatScreen } from '../tui/screens/ChatScreen.tsx';
import type { ChatStore } from '../tui/state/chat-store.ts';
import type { FakeStdin, FakeStdout } from '../tui/testing/render-terminal.ts';
import { ThemeContext, makeTheme } from '../tui/theme.ts';

/** Renders the chat screen for `store` into `stdout`, reading `stdin`. */
export function mountChatScreen(
  store: ChatStore,
  stdout: FakeStdout,
  stdin: FakeStdin,
  onRender?: RenderOptions['onRender'],
): ReturnType<typeof render> {
  // Note: the session never connects; the screen only needs its events.
  const session = new ChatSession({ host: '127.0.0.1', port: 9 });
  return render(
    <ThemeContext.Provider value={makeTheme(true)}>
      <ChatScreen
        session={session}
        store={store}
        server="bench:0"
        onQuit={() => undefined}
      />
    </ThemeContext.Provider>,
    {
      stdout: stdout as unknown as NodeJS.WriteStream,
      stdin: stdin as unknown as NodeJS.ReadStream,
      stderr: stdout as unknown as NodeJS.WriteStream,
      exitOnCtrlC: false,
      patchConsole: false,
      onRender,
    },
  );
}
