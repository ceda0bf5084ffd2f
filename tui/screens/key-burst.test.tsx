import { afterEach, describe, expect, it } from 'vitest';
import { MessageType } from '../../shared/protocol.ts';
import {
  mountApp,
  mountLoggedIn,
  type MountedApp,
} from '../testing/mount-app.tsx';

let app: MountedApp;
afterEach(() => app.close());

const chatTexts = () =>
  app.server.received
    .filter((frame) => frame.Type === MessageType.Chat)
    .map((frame) => frame.Content);

describe('keys that arrive in one input chunk', () => {
  it('registers from one chunk holding name, Enter, password, Ctrl+R and Enter', async () => {
    app = await mountApp();
    await app.type('alice\rpw-alice-1\x12\r');
    await app.waitFor((text) => text.includes('● online'));
    expect(app.server.received.slice(0, 2)).toMatchObject([
      { Type: MessageType.Register, Sender: 'alice', Content: 'pw-alice-1' },
      { Type: MessageType.Login, Sender: 'alice', Content: 'pw-alice-1' },
    ]);
  });

  it('sends each line of a typed burst as its own message', async () => {
    app = await mountLoggedIn();
    await app.type('first line\rsecond line\r\nthird\r');
    await app.server.waitForFrame((frame) => frame.Content === 'third');
    expect(chatTexts()).toEqual(['first line', 'second line', 'third']);
  });

  it('moves the cursor with Home typed in the same chunk as the text', async () => {
    app = await mountLoggedIn();
    await app.type('world\x1b[Hhello \r');
    await app.server.waitForFrame((frame) => frame.Type === MessageType.Chat);
    expect(chatTexts()).toEqual(['hello world']);
  });
});
