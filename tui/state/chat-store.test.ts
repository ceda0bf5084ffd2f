import { describe, expect, it } from 'vitest';
import { MessageType, message, type ChatEvent } from '../../shared/protocol.ts';
import { ChatStore } from './chat-store.ts';

function loggedInStore(
  lastSeen: ConstructorParameters<typeof ChatStore>[0] = null,
  max?: number,
) {
  const store = new ChatStore(lastSeen, max);
  store.loggedIn('alice');
  return store;
}

const chat = (sender: string, text: string, fields = {}) =>
  message(MessageType.Chat, {
    Sender: sender,
    Content: `${sender}: ${text}`,
    Text: text,
    ...fields,
  });

describe('ChatStore', () => {
  it('keeps the online list live from the list reply and join/leave events', () => {
    const store = loggedInStore();
    store.receive(
      message(MessageType.List, {
        Content: 'Online (2): alice, bob',
        Users: ['bob', 'alice'],
      }),
    );
    store.receive(
      message(MessageType.Chat, {
        Sender: 'carol',
        Event: 'join',
        Content: 'carol joined',
      }),
    );
    store.receive(
      message(MessageType.Chat, {
        Sender: 'bob',
        Event: 'leave',
        Content: 'bob left',
      }),
    );
    expect(store.getState().users).toEqual(['alice', 'carol']);
    expect(store.getState().lines.map((line) => line.kind)).toEqual([
      'join',
      'leave',
    ]);
  });

  it('counts a join (login points) and a message as activity, a leave not', () => {
    const store = loggedInStore();
    const event = (Event: ChatEvent) =>
      store.receive(
        message(MessageType.Chat, { Sender: 'dave', Event, Content: 'x' }),
      ).isActivity;
    expect(event('join')).toBe(true);
    expect(event('leave')).toBe(false);
    expect(store.receive(chat('bob', 'hi')).isActivity).toBe(true);
  });

  it('reads the speaker list from Content when a server sends no Users', () => {
    const store = loggedInStore();
    store.receive(
      message(MessageType.List, { Content: 'Online (2): zed, amy' }),
    );
    expect(store.getState().users).toEqual(['amy', 'zed']);
  });

  it('marks own messages and mentions of the user', () => {
    const store = loggedInStore();
    expect(store.receive(chat('alice', 'hi')).isMention).toBe(false);
    expect(store.receive(chat('bob', 'hey @alice look')).isMention).toBe(true);
    expect(store.receive(chat('bob', 'ALICE?')).isMention).toBe(true);
    expect(store.receive(chat('bob', 'malice aforethought')).isMention).toBe(
      false,
    );
    const lines = store.getState().lines;
    expect(lines.map((line) => [line.isOwn, line.isMention])).toEqual([
      [true, false],
      [false, true],
      [false, true],
      [false, false],
    ]);
  });

  it('does not ring for mentions replayed from history', () => {
    const store = loggedInStore();
    expect(
      store.receive(chat('bob', '@alice', { History: true })).isMention,
    ).toBe(false);
  });

  it('shows a message replayed after a reconnect only once', () => {
    const store = loggedInStore();
    store.receive(chat('bob', 'once', { Id: '7' }));
    store.receive(chat('bob', 'once', { Id: '7', History: true }));
    expect(store.getState().lines).toHaveLength(1);
  });

  it('keeps only the newest lines beyond its cap', () => {
    const store = loggedInStore(null, 3);
    for (let i = 0; i < 5; i += 1) store.receive(chat('bob', `m${i}`));
    const { lines, lastSeq } = store.getState();
    expect(lines.map((line) => line.text)).toEqual(['m2', 'm3', 'm4']);
    expect(lastSeq).toBe(5);
  });

  it('puts the "new since you were last here" line before the first unseen message', () => {
    const store = loggedInStore({ id: '2', time: 2000 });
    store.receive(chat('bob', 'old', { Id: '1', Time: 1000, History: true }));
    store.receive(chat('bob', 'seen', { Id: '2', Time: 2000, History: true }));
    store.receive(chat('bob', 'new', { Id: '3', Time: 3000, History: true }));
    store.receive(chat('bob', 'newer', { Id: '4', Time: 4000, History: true }));
    expect(
      store
        .getState()
        .lines.map((line) => (line.kind === 'unread' ? '---' : line.text)),
    ).toEqual(['old', 'seen', '---', 'new', 'newer']);
    expect(store.getState().newest).toEqual({ id: '4', time: 4000 });
  });

  it('shows list and rank replies as notices only when the user asked', () => {
    const store = loggedInStore();
    store.receive(
      message(MessageType.Rank, {
        Content: '1. bob 3',
        Rank: [{ Name: 'bob', Score: 3 }],
      }),
    );
    store.expectReply('rank');
    store.receive(
      message(MessageType.Rank, {
        Content: '1. bob 4',
        Rank: [{ Name: 'bob', Score: 4 }],
        Place: 2,
        Score: 1,
      }),
    );
    expect(store.getState().lines.map((line) => line.text)).toEqual([
      '1. bob 4',
    ]);
    expect(store.getState().rank).toEqual({
      entries: [{ Name: 'bob', Score: 4 }],
      place: 2,
      score: 1,
    });
  });

  it('records private messages in both directions', () => {
    const store = loggedInStore();
    store.receive(
      message(MessageType.Private, {
        Sender: 'bob',
        Receiver: 'alice',
        Content: 'psst',
        Text: 'psst',
      }),
    );
    store.receive(
      message(MessageType.Private, {
        Sender: 'alice',
        Receiver: 'bob',
        Content: 'yes',
        Text: 'yes',
      }),
    );
    expect(
      store
        .getState()
        .lines.map((line) => [line.kind, line.isOwn, line.receiver]),
    ).toEqual([
      ['private', false, 'alice'],
      ['private', true, 'bob'],
    ]);
  });

  it('offers a refused line back once, and a NOT_STORED one never', () => {
    const store = loggedInStore();
    const offered: string[][] = [];
    store.returnLinesTo((line, why) => {
      offered.push([line, why]);
      return true;
    });
    const error = (Code: 'USER_OFFLINE' | 'NOT_STORED', Ref: string) =>
      message(MessageType.Chat, { Event: 'error', Code, Content: 'No.', Ref });
    const dm = store.rememberSent({
      line: '/msg bob hi',
      text: 'hi',
      to: 'bob',
    });
    const room = store.rememberSent({ line: 'kept', text: 'kept' });

    store.receive(error('USER_OFFLINE', dm));
    store.receive(error('USER_OFFLINE', dm));
    store.receive(error('NOT_STORED', room));
    expect(offered).toEqual([['/msg bob hi', 'Not sent: No.']]);
    expect(store.getState().lines.map((line) => line.text)).toEqual([
      'Not sent to bob: “hi” — No. It is back in the input box.',
      'No.',
      'Delivered but not saved to history: “kept” — no need to send it again; it will be missing from the history shown at login.',
    ]);
  });

  it('draws no line for a message with nothing in it, as only a broken server sends', () => {
    const store = loggedInStore();
    store.receive(message(MessageType.Chat, {}));
    store.receive(
      message(MessageType.Chat, { Sender: 'bob', Content: 'bob: ' }),
    );
    store.receive(message(MessageType.Private, { Sender: 'bob', Text: ' ' }));
    store.receive(chat('bob', 'still here'));
    expect(store.getState().lines.map((line) => line.text)).toEqual([
      'still here',
    ]);
  });
});
