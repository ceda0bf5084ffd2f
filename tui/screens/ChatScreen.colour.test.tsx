/* eslint-disable no-control-regex -- these tests read the escape codes a terminal receives */
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { MessageType } from '../../shared/protocol.ts';
import type { MountedApp } from '../testing/mount-app.tsx';

// Ink's colour support is decided when chalk loads; this file forces it
// on before loading the client, and checks the escapes a terminal gets.
let mountLoggedIn: typeof import('../testing/mount-app.tsx').mountLoggedIn;
beforeAll(async () => {
  process.env['FORCE_COLOR'] = '1';
  ({ mountLoggedIn } = await import('../testing/mount-app.tsx'));
});

let app: MountedApp;
afterEach(() => app.close());

const rowWith = (text: string) =>
  app.stdout.frames
    .at(-1)!
    .split('\n')
    .find((row) => row.includes(text))!;

describe('ChatScreen in colour', () => {
  it('dims join notices and gives each speaker one stable colour', async () => {
    app = await mountLoggedIn('alice', { isColor: true });
    const peer = app.server.peers[0]!;
    peer.send(MessageType.Chat, {
      Sender: 'dave',
      Event: 'join',
      Content: 'dave joined',
    });
    peer.send(MessageType.Chat, {
      Sender: 'bob',
      Content: 'bob: one',
      Text: 'one',
    });
    peer.send(MessageType.Chat, {
      Sender: 'bob',
      Content: 'bob: two',
      Text: 'two',
    });
    await app.waitFor((text) => text.includes('two'));

    expect(rowWith('dave joined')).toMatch(/\x1b\[2m[^\x1b]*dave joined/);
    const colourOf = (text: string) =>
      /(\x1b\[[0-9;]+m)+bob/.exec(rowWith(text))?.[0];
    expect(colourOf('one')).toMatch(/\x1b\[(3|9)\dm/);
    expect(colourOf('one')).toBe(colourOf('two'));
  });

  it('draws nothing in colour when colour is off', async () => {
    app = await mountLoggedIn('alice', { isColor: false });
    app.server.peers[0]!.send(MessageType.Chat, {
      Sender: 'bob',
      Content: 'bob: hi',
      Text: 'hi',
    });
    await app.waitFor((text) => text.includes('bob: hi'));
    expect(app.stdout.frames.at(-1)).not.toMatch(/\x1b\[(3|9)\dm/);
  });
});
