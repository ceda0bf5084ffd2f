/* eslint-disable no-control-regex -- these tests read the escape codes a terminal receives */
import { afterEach, describe, expect, it } from 'vitest';
import { MessageType } from '../../shared/protocol.ts';
import { mountApp, type MountedApp } from '../testing/mount-app.tsx';
import { plain } from '../testing/render-terminal.ts';

let app: MountedApp;
afterEach(() => app.close());

/** Everything written to the terminal from write number `from` on. */
const writtenSince = (from = 0) => app.stdout.frames.slice(from).join('');

async function waitForWritten(text: string, from = 0): Promise<string> {
  const deadline = Date.now() + 3000;
  while (!plain(writtenSince(from)).includes(text)) {
    if (Date.now() > deadline) {
      throw new Error(`never written: ${text}\n${plain(writtenSince(from))}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  return writtenSince(from);
}

describe('ChatScreen as the terminal receives it', () => {
  it('paints a new message over the old frame, never erasing the half-typed line, and puts the cursor back at its end', async () => {
    app = await mountApp({ columns: 80, rows: 24, isLive: true });
    await app.type('alice', '\t', 'pw', '\r');
    await waitForWritten('● online');
    await app.server.waitForFrame((frame) => frame.Type === MessageType.List);
    await app.type('half typed');
    await waitForWritten('> half typed');

    const mark = app.stdout.frames.length;
    app.server.peers[0]!.send(MessageType.Chat, {
      Sender: 'bob',
      Content: 'bob: incoming',
      Text: 'incoming',
      Time: Date.now(),
    });
    const frame = await waitForWritten('bob: incoming', mark);

    expect(frame).not.toContain('\x1b[2K');
    expect(plain(frame)).toContain('│> half typed ');
    // "│> half typed" is 13 cells: the cursor goes to column 14, shown.
    expect(frame).toMatch(/\x1b\[14G\x1b\[\?25h/);
  });
});
