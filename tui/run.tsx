/**
 * Runs the client: flags, full screen, render, and a clean terminal
 * afterwards whatever happens. Loaded by main.tsx.
 */
import { readFileSync } from 'node:fs';
import React from 'react';
import { render } from 'ink';
import { App } from './App.tsx';
import { parseCli } from './cli.ts';
import { ChatSession } from './net/chat-session.ts';
import { prepareTls, TrustError } from './net/secure-socket.ts';
import { paintInPlace } from './paint-in-place.ts';
import { ChatStore } from './state/chat-store.ts';
import { lastSeenFile } from './state/last-seen.ts';
import { enterFullScreen } from './terminal.ts';
import { probeEmoji } from './terminal-probe.ts';
import { setUnsafeEmoji } from './text/emoji-safety.ts';
import { makeTheme, wantsColour } from './theme.ts';

const packageJson = JSON.parse(
  readFileSync(new URL('../package.json', import.meta.url), 'utf8'),
) as { version: string };

const options = parseCli(process.argv, packageJson.version);

if (!process.stdin.isTTY || !process.stdout.isTTY) {
  process.stderr.write(
    'termchat needs an interactive terminal (a TTY) for input and output.\n',
  );
  process.exit(2);
}

function tlsSetup() {
  if (!options.tls) return undefined;
  try {
    return prepareTls({
      caFile: options.ca,
      fingerprint: options.tlsFingerprint,
    });
  } catch (error) {
    if (!(error instanceof TrustError)) throw error;
    process.stderr.write(`termchat: ${error.message}\n`);
    process.exit(2);
  }
}

const server = `${options.host}:${options.port}`;
const session = new ChatSession({
  host: options.host,
  port: options.port,
  heartbeatMs: options.heartbeat * 1000,
  tls: tlsSetup(),
});
const store = new ChatStore();
const bridge = {
  onBell: options.bell ? () => process.stdout.write('\x07') : undefined,
  lastSeen: lastSeenFile(server),
};

const restore = enterFullScreen(process.stdout);
setUnsafeEmoji(
  await probeEmoji({ stdin: process.stdin, stdout: process.stdout }),
);
const instance = render(
  <App
    session={session}
    store={store}
    server={server}
    theme={makeTheme(wantsColour(options.color))}
    bridge={bridge}
  />,
  {
    exitOnCtrlC: false,
    patchConsole: true,
    stdout: paintInPlace(process.stdout),
  },
);

await instance.waitUntilExit().catch(() => undefined);
session.quit();
restore();
// Give the goodbye frame a moment to leave before the process ends.
setTimeout(() => process.exit(0), 100).unref();
