import { afterEach, describe, expect, it } from 'vitest';
import { ERRORS, type ErrorCode } from '../../shared/errors.ts';
import { MessageType, type Message } from '../../shared/protocol.ts';
import type { FakePeer } from '../testing/fake-server.ts';
import { mountLoggedIn, type MountedApp } from '../testing/mount-app.tsx';

let app: MountedApp;
afterEach(() => app.close());

const UP = '\x1b[A';
/** Wide enough that a refusal's line fits on one row of the pane. */
const WIDE = { columns: 200 };
const isLine = (frame: Message) =>
  frame.Type === MessageType.Chat || frame.Type === MessageType.Private;
/** The input row: the box's left border and the prompt, then the line. */
const inputRow = (screen: string) =>
  screen.split('\n').find((row) => row.startsWith('│> ')) ?? '';
const inputOf = (screen: string) => inputRow(screen).slice(3, -1).trimEnd();

/** Answers every chat or private frame whose text is in `codes`. */
function refuse(codes: Record<string, ErrorCode>): void {
  app.server.onFrame = (peer: FakePeer, frame: Message) => {
    const code = isLine(frame) ? codes[frame.Content] : undefined;
    if (!code) return;
    peer.send(MessageType.Chat, {
      Event: 'error',
      Code: code,
      Content: ERRORS[code],
      Ref: frame.Ref,
    });
  };
}

/** The frame the client sent with `text`, once it has arrived. */
const sentFrame = (text: string) =>
  app.server.waitForFrame((frame) => isLine(frame) && frame.Content === text);

describe('a line the server refuses', () => {
  it('tags every chat and private frame with its own Ref', async () => {
    app = await mountLoggedIn('alice', WIDE);
    await app.type('one', '\r', '/me two', '\r', '/msg bob three', '\r');
    await sentFrame('three');
    const refs = app.server.received.filter(isLine).map((f) => f.Ref);
    expect(refs).toHaveLength(3);
    expect(new Set(refs).size).toBe(3);
    for (const ref of refs) expect(ref).toMatch(/^[!-~]{1,64}$/);
  });

  it('is named in the messages pane and comes back to the empty input box', async () => {
    app = await mountLoggedIn('alice', WIDE);
    refuse({ 'hello world, how are you all': 'RATE_LIMITED' });
    await app.type('hello world, how are you all', '\r');

    const screen = await app.waitFor((text) => text.includes('Not sent'));
    expect(screen).toContain(
      '! Not sent: “hello world, how are yo…” — You are sending too fast; wait a second. It is back in the input box.',
    );
    expect(inputOf(screen)).toBe('hello world, how are you all');
    expect(screen).toContain(
      'Not sent: You are sending too fast; wait a second.',
    );

    app.server.onFrame = () => {};
    await app.type('\r');
    await app.waitFor((text) => inputOf(text) === '');
    const resent = app.server.received
      .filter(isLine)
      .map((frame) => frame.Content);
    expect(resent).toEqual([
      'hello world, how are you all',
      'hello world, how are you all',
    ]);
  });

  it('does not replace what the user typed since, and says Up recalls it', async () => {
    app = await mountLoggedIn('alice', WIDE);
    const refusal = { Event: 'error' as const, Code: 'RATE_LIMITED' as const };
    await app.type('first try', '\r');
    const frame = await sentFrame('first try');
    await app.type('second');
    await app.waitFor((text) => inputOf(text) === 'second');

    app.server.peers[0]!.send(MessageType.Chat, {
      ...refusal,
      Content: ERRORS.RATE_LIMITED,
      Ref: frame.Ref,
    });
    const screen = await app.waitFor((text) => text.includes('Not sent'));
    expect(screen).toContain(
      '! Not sent: “first try” — You are sending too fast; wait a second. Press Up to get it back.',
    );
    expect(inputOf(screen)).toBe('second');

    await app.type('\x15', UP);
    await app.waitFor((text) => inputOf(text) === 'first try');
  });

  it('names the receiver of a refused private message', async () => {
    app = await mountLoggedIn('alice', WIDE);
    refuse({ 'are you there': 'USER_OFFLINE' });
    await app.type('To:bob-->are you there', '\r');

    const screen = await app.waitFor((text) => text.includes('Not sent'));
    expect(screen).toContain(
      '! Not sent to bob: “are you there” — That user is not online right now. It is back in the input box.',
    );
    expect(inputOf(screen)).toBe('To:bob-->are you there');
  });

  it('cuts a long preview by cells, never inside a wide character', async () => {
    app = await mountLoggedIn('alice', WIDE);
    const text = '你好世界你好世界你好世界你好世界';
    refuse({ [text]: 'MESSAGE_TOO_LONG' });
    await app.type(text, '\r');

    const screen = await app.waitFor((shown) => shown.includes('Not sent'));
    expect(screen).toContain(
      'Not sent: “你好世界你好世界你好世…” — That message',
    );
  });

  it('says a NOT_STORED line was delivered and leaves the box empty', async () => {
    app = await mountLoggedIn('alice', WIDE);
    app.server.onFrame = (peer, frame) => {
      if (!isLine(frame)) return;
      peer.send(MessageType.Chat, {
        Sender: 'alice',
        Content: `alice: ${frame.Content}`,
        Text: frame.Content,
      });
      peer.send(MessageType.Chat, {
        Event: 'error',
        Code: 'NOT_STORED',
        Content: ERRORS.NOT_STORED,
        Ref: frame.Ref,
      });
    };
    await app.type('keep this', '\r');

    const screen = await app.waitFor((text) => text.includes('Delivered'));
    expect(screen).toContain(
      '! Delivered but not saved to history: “keep this” — no need to send it again; it will be missing from the history shown at login.',
    );
    expect(screen).not.toContain('Not sent');
    expect(inputOf(screen)).toBe('');
  });

  it('makes the reason under the input inert, as in the messages pane', async () => {
    app = await mountLoggedIn('alice', WIDE);
    await app.type('boo', '\r');
    const frame = await sentFrame('boo');
    app.server.peers[0]!.send(MessageType.Chat, {
      Event: 'error',
      Code: 'INTERNAL',
      Content: 'Oops\x1b[2J\x07 try again.',
      Ref: frame.Ref,
    });

    const screen = await app.waitFor((text) => inputOf(text) === 'boo');
    expect(screen).toContain('│Not sent: Oops␛[2J␇ try again.');
    expect(app.stdout.frames.at(-1)).not.toContain('\x1b[2J');
  });

  it('shows a refusal with no Ref, or one it never sent, as the server said it', async () => {
    app = await mountLoggedIn('alice', WIDE);
    const peer = app.server.peers[0]!;
    for (const Ref of [undefined, 'zz9']) {
      peer.send(MessageType.Chat, {
        Event: 'error',
        Code: 'USER_OFFLINE',
        Content: ERRORS.USER_OFFLINE,
        ...(Ref ? { Ref } : {}),
      });
    }
    const screen = await app.waitFor(
      (text) => text.split('! That user is not online').length === 3,
    );
    expect(screen).not.toContain('Not sent');
    expect(inputOf(screen)).toBe('');
  });

  it('names a line the server never answered before the link dropped, and gives it back', async () => {
    app = await mountLoggedIn('alice', {
      ...WIDE,
      session: { retryDelaysMs: [60_000] },
    });
    app.server.onFrame = (peer: FakePeer, frame: Message) => {
      if (isLine(frame) && frame.Content === 'echoed')
        peer.send(MessageType.Chat, {
          Sender: 'alice',
          Content: 'alice: echoed',
          Text: 'echoed',
        });
    };
    await app.type('echoed', '\r', 'lost in the void', '\r');
    await sentFrame('lost in the void');
    await app.waitFor((text) => text.includes('alice: echoed'));
    app.server.peers[0]!.socket.destroy();

    const screen = await app.waitFor((text) => text.includes('Maybe not'));
    expect(screen).toContain(
      '! Maybe not sent: “lost in the void” — the connection dropped before the server answered; check the room before sending it again. It is back in the input box.',
    );
    expect(screen).not.toContain('“echoed”');
    expect(inputOf(screen)).toBe('lost in the void');
  });
});
