/**
 * Mounts the whole client against a fake server in a fake terminal, for
 * screen tests, and can log in straight away.
 */
import React from 'react';
import { App } from '../App.tsx';
import { ChatSession, type SessionOptions } from '../net/chat-session.ts';
import { ChatStore } from '../state/chat-store.ts';
import type { BridgeOptions } from '../state/session-bridge.ts';
import { makeTheme } from '../theme.ts';
import {
  acceptEveryone,
  startFakeServer,
  type FakeServer,
} from './fake-server.ts';
import { renderTerminal, type Rendered } from './render-terminal.ts';

/** A mounted client with its server. */
export interface MountedApp extends Rendered {
  server: FakeServer;
  session: ChatSession;
  store: ChatStore;
  /** Tears everything down. */
  close: () => Promise<void>;
}

/** Starts a fake server and mounts the client against it. */
export async function mountApp(
  options: {
    columns?: number;
    rows?: number;
    isColor?: boolean;
    bridge?: BridgeOptions;
    /** Session settings on top of the fake server's address. */
    session?: Partial<SessionOptions>;
    /** Record the writes a real terminal gets (renderTerminal). */
    isLive?: boolean;
  } = {},
): Promise<MountedApp> {
  const server = await startFakeServer();
  server.onFrame = acceptEveryone;
  const session = new ChatSession({
    host: '127.0.0.1',
    port: server.port,
    retryDelaysMs: [60_000],
    ...options.session,
  });
  const store = new ChatStore();
  const bridge = options.bridge ?? {};
  const rendered = renderTerminal(
    <App
      session={session}
      store={store}
      server={`127.0.0.1:${server.port}`}
      theme={makeTheme(options.isColor ?? false)}
      bridge={bridge}
    />,
    options.columns ?? 100,
    options.rows ?? 30,
    options.isLive,
  );
  return {
    ...rendered,
    server,
    session,
    store,
    close: async () => {
      rendered.unmount();
      session.quit();
      await server.close();
    },
  };
}

/** Mounts the client and logs in as `name`, waiting for the chat screen. */
export async function mountLoggedIn(
  name = 'alice',
  options: Parameters<typeof mountApp>[0] = {},
): Promise<MountedApp> {
  const app = await mountApp(options);
  await app.type(name, '\t', 'pw', '\r');
  await app.waitFor((screen) => screen.includes('● online'));
  await app.server.waitForFrame((frame) => frame.Type === 5);
  return app;
}
