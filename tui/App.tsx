/**
 * The client's root: the login screen until a login succeeds, then the
 * chat screen, with the theme and the session wired in.
 */
import React, { useEffect, useState } from 'react';
import { useApp } from 'ink';
import type { ChatSession } from './net/chat-session.ts';
import { ChatScreen } from './screens/ChatScreen.tsx';
import { LoginScreen } from './screens/LoginScreen.tsx';
import type { ChatStore } from './state/chat-store.ts';
import { bridgeSession, type BridgeOptions } from './state/session-bridge.ts';
import { ThemeContext, type Theme } from './theme.ts';

interface Props {
  session: ChatSession;
  store: ChatStore;
  /** "host:port", as shown to the user. */
  server: string;
  theme: Theme;
  bridge?: BridgeOptions;
}

/** The whole client. */
export function App({
  session,
  store,
  server,
  theme,
  bridge,
}: Props): React.JSX.Element {
  const { exit } = useApp();
  const [isLoggedIn, setLoggedIn] = useState(false);

  useEffect(
    () => bridgeSession(session, store, bridge),
    [session, store, bridge],
  );
  useEffect(() => {
    const onLoggedIn = () => setLoggedIn(true);
    session.on('loggedIn', onLoggedIn);
    return () => {
      session.off('loggedIn', onLoggedIn);
    };
  }, [session]);

  const quit = () => {
    session.quit();
    exit();
  };

  return (
    <ThemeContext.Provider value={theme}>
      {isLoggedIn ? (
        <ChatScreen
          session={session}
          store={store}
          server={server}
          onQuit={quit}
        />
      ) : (
        <LoginScreen session={session} server={server} onQuit={quit} />
      )}
    </ThemeContext.Provider>
  );
}
