import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { MessageType } from '../../shared/protocol.ts';
import { lastSeenFile } from '../state/last-seen.ts';
import { cellWidth } from '../text/graphemes.ts';
import { mountLoggedIn, type MountedApp } from '../testing/mount-app.tsx';

let app: MountedApp;
afterEach(() => app.close());

const peer = () => app.server.peers[0]!;
const say = (sender: string, text: string, fields = {}) =>
  peer().send(MessageType.Chat, {
    Sender: sender,
    Content: `${sender}: ${text}`,
    Text: text,
    Time: Date.now(),
    ...fields,
  });
const sentOfType = (type: number) =>
  app.server.received.filter((frame) => frame.Type === type);
const rowsOf = (screen: string) => screen.split('\n');
/** Answers the login's rank request, and every one after, with `entries`. */
const answerRank = (entries: { Name: string; Score: number }[]) => {
  const reply = { Content: '', Rank: entries };
  app.server.onFrame = (p, frame) => {
    if (frame.Type === MessageType.Rank) p.send(MessageType.Rank, reply);
  };
  peer().send(MessageType.Rank, reply);
};

describe('ChatScreen', () => {
  it('shows room messages with time and speaker, and marks own messages', async () => {
    app = await mountLoggedIn();
    say('bob', 'hi there');
    say('alice', 'hello bob');
    const screen = await app.waitFor((text) => text.includes('hello bob'));
    expect(screen).toMatch(/\d\d:\d\d {3}bob: hi there/);
    expect(screen).toMatch(/\d\d:\d\d › alice: hello bob/);
  });

  it('sends typed text as a room message and clears the line', async () => {
    app = await mountLoggedIn();
    await app.type('good morning', '\r');
    const frame = await app.server.waitForFrame(
      (f) => f.Type === MessageType.Chat,
    );
    expect(frame.Content).toBe('good morning');
    await app.waitFor((text) => /│> {10}/.test(text));
  });

  it('sends /me, /msg and To:name-->text in the right frames', async () => {
    app = await mountLoggedIn();
    await app.type(
      '/me waves',
      '\r',
      '/msg bob psst',
      '\r',
      'To：carol-->hi there',
      '\r',
    );
    await app.server.waitForFrame((f) => f.Receiver === 'carol');
    expect(sentOfType(MessageType.Chat)[0]).toMatchObject({
      Content: 'waves',
      Action: true,
    });
    expect(
      sentOfType(MessageType.Private).map((f) => [f.Receiver, f.Content]),
    ).toEqual([
      ['bob', 'psst'],
      ['carol', 'hi there'],
    ]);
  });

  it('explains bad syntax under the input and sends nothing', async () => {
    app = await mountLoggedIn();
    const before = app.server.received.length;
    await app.type('To:bob hi', '\r');
    const screen = await app.waitFor((text) =>
      text.includes('Private messages look like To:name-->text.'),
    );
    expect(screen).toContain('> To:bob hi');
    expect(
      app.server.received
        .slice(before)
        .filter((f) => f.Type !== MessageType.Rank),
    ).toEqual([]);
  });

  it('marks private messages and shows join, leave and notices', async () => {
    app = await mountLoggedIn();
    peer().send(MessageType.Chat, {
      Sender: 'dave',
      Event: 'join',
      Content: 'dave joined',
    });
    peer().send(MessageType.Private, {
      Sender: 'bob',
      Receiver: 'alice',
      Content: 'secret',
      Text: 'secret',
    });
    peer().send(MessageType.Chat, {
      Event: 'notice',
      Code: 'HISTORY_UNAVAILABLE',
      Content: 'History could not be loaded right now.',
    });
    const screen = await app.waitFor((text) => text.includes('History could'));
    expect(screen).toMatch(/- dave joined/);
    expect(screen).toMatch(/@ \[private from bob\] secret/);
    expect(screen).toMatch(/- History could not be loaded right now\./);
  });

  it('keeps the online pane live from the list reply and join/leave events', async () => {
    app = await mountLoggedIn();
    peer().send(MessageType.List, {
      Content: 'Online (2): alice, bob',
      Users: ['alice', 'bob'],
    });
    await app.waitFor((text) => text.includes('Online (2)'));
    peer().send(MessageType.Chat, {
      Sender: 'carol',
      Event: 'join',
      Content: 'carol joined',
    });
    await app.waitFor(
      (text) => text.includes('Online (3)') && text.includes('carol'),
    );
    peer().send(MessageType.Chat, {
      Sender: 'bob',
      Event: 'leave',
      Content: 'bob left',
    });
    const screen = await app.waitFor((text) => text.includes('Online (2)'));
    expect(screen).not.toMatch(/│ {2}bob/);
  });

  it('shows the ranking with bars, and your own place when outside the top list', async () => {
    app = await mountLoggedIn();
    peer().send(MessageType.Rank, {
      Content: '1. bob 10\n2. carol 5',
      Rank: [
        { Name: 'bob', Score: 10 },
        { Name: 'carol', Score: 5 },
      ],
      Place: 14,
      Score: 2,
    });
    const screen = await app.waitFor((text) => text.includes('you: #14 (2)'));
    const bob = rowsOf(screen).find((row) => row.includes(' 1 bob'))!;
    const carol = rowsOf(screen).find((row) => row.includes(' 2 carol'))!;
    expect(bob.split('█').length - 1).toBeGreaterThan(
      carol.split('█').length - 1,
    );
    expect(carol).toContain('█');
  });

  it('marks the Activity pane out of date, without a word in the messages, when a refresh is refused', async () => {
    app = await mountLoggedIn('alice', { bridge: { rankThrottleMs: 20 } });
    answerRank([{ Name: 'alice', Score: 2 }]);
    await app.waitFor((text) => / 1 alice +█+ 2/.test(text));
    const refusal = 'Scores are unavailable right now; try again later.';
    app.server.onFrame = (p, frame) => {
      if (frame.Type !== MessageType.Rank) return;
      p.send(MessageType.Chat, {
        Event: 'error',
        Code: 'SCORES_UNAVAILABLE',
        Content: refusal,
        ...(frame.Ref === undefined ? {} : { Ref: frame.Ref }),
      });
    };
    say('bob', 'activity');
    const stale = await app.waitFor((text) => text.includes('(out of date)'));
    expect(stale).toMatch(/ 1 alice +█+ 2/);
    expect(stale).not.toContain(refusal);

    // The user's own rank is answered with the reason.
    await app.type('rank', '\r');
    await app.waitFor((text) => text.includes(`! ${refusal}`));

    // The refusal was the answer: the next ranking is not shown as one.
    answerRank([{ Name: 'alice', Score: 3 }]);
    const fresh = await app.waitFor((text) => / 1 alice +█+ 3/.test(text));
    expect(fresh).not.toContain('(out of date)');
    expect(fresh).not.toContain('No activity yet.');
  });

  it('shows the list reply as a notice when the user types list', async () => {
    app = await mountLoggedIn();
    app.server.onFrame = (p, frame) => {
      if (frame.Type === MessageType.List)
        p.send(MessageType.List, {
          Content: 'Online (1): alice',
          Users: ['alice'],
        });
    };
    await app.type('list', '\r');
    await app.waitFor((text) => text.includes('- Online (1): alice'));
  });

  it('asks for the ranking again after activity', async () => {
    app = await mountLoggedIn('alice', { bridge: { rankThrottleMs: 20 } });
    answerRank([{ Name: 'alice', Score: 2 }]);
    const before = sentOfType(MessageType.Rank).length;
    say('bob', 'activity');
    await app.server.waitForFrame(
      () => sentOfType(MessageType.Rank).length > before,
    );
  });

  it('shows a user who just logged in in the Activity pane, with no message sent', async () => {
    app = await mountLoggedIn('alice', { bridge: { rankThrottleMs: 20 } });
    answerRank([{ Name: 'alice', Score: 2 }]);
    await app.waitFor((text) => / 1 alice +█+ 2/.test(text));
    app.server.onFrame = (p, frame) => {
      if (frame.Type !== MessageType.Rank) return;
      p.send(MessageType.Rank, {
        Content: '',
        Rank: [
          { Name: 'alice', Score: 2 },
          { Name: 'dave', Score: 2 },
        ],
      });
    };
    say('dave', '', { Event: 'join', Content: 'dave joined' });
    await app.waitFor((text) => / 2 dave +█+ 2/.test(text));
  });

  it('turns escape sequences and carriage returns into visible symbols', async () => {
    app = await mountLoggedIn();
    say('mallory', 'x\x1b[2J\x1b]0;pwned\x07\rbob: I owe you');
    const screen = await app.waitFor((text) => text.includes('pwned'));
    expect(screen).toContain('x␛[2J␛]0;pwned␇␍bob: I owe you');
    expect(app.stdout.frames.at(-1)).not.toContain('\x1b]0;');
  });

  it('keeps a half-typed line intact while messages stream in', async () => {
    app = await mountLoggedIn();
    await app.type('half typed');
    for (let i = 0; i < 30; i += 1) say('bob', `stream ${i}`);
    await app.type(' line');
    const screen = await app.waitFor((text) => text.includes('stream 29'));
    expect(screen).toContain('> half typed line');
  });

  it('pages back with PgUp without being yanked by new messages, and counts them', async () => {
    app = await mountLoggedIn();
    for (let i = 0; i < 60; i += 1) say('bob', `line ${i}`);
    await app.waitFor((text) => text.includes('line 59'));
    await app.type('\x1b[5~');
    const held = await app.waitFor((text) => text.includes('End to'));
    expect(held).not.toContain('line 59');
    expect(held).toContain('scrolled up · End to jump down');
    say('bob', 'fresh');
    say('bob', 'fresher');
    const after = await app.waitFor((text) => text.includes('2 new below'));
    expect(after).not.toContain('fresher');
    await app.type('\x1b[F');
    await app.waitFor(
      (text) => text.includes('fresher') && !text.includes('new below'),
    );
  });

  it('hides the side panes on a narrow terminal and F2 brings them back', async () => {
    app = await mountLoggedIn('alice', { columns: 60 });
    expect(app.screen()).not.toContain('Online (');
    await app.type('\x1bOQ');
    await app.waitFor((text) => text.includes('Online ('));
  });

  it('follows a resize without breaking the borders', async () => {
    app = await mountLoggedIn();
    say('bob', '你好世界 emoji 😀👍🏽 mixed');
    await app.waitFor((text) => text.includes('mixed'));
    app.stdout.resize(72, 20);
    const screen = await app.waitFor((text) => rowsOf(text)[0]!.length < 100);
    const rows = rowsOf(screen).filter((row) => row !== '');
    expect(rows).toHaveLength(19);
    for (const row of rows.slice(0, -1)) expect(cellWidth(row)).toBe(72);
  });

  it('opens help with F1, scrolls it to the last key, and closes it with Esc', async () => {
    app = await mountLoggedIn('alice', { rows: 20 });
    await app.type('\x1bOP');
    const first = await app.waitFor((text) => text.includes('To:name-->text'));
    expect(first).toContain('PgDn / Down: more · Esc or F1: close');
    expect(first).not.toContain('Ctrl+C');
    await app.type('\x1b[6~', '\x1b[6~', '\x1b[6~');
    await app.waitFor(
      (text) =>
        text.includes('Ctrl+C') && text.includes('Press Esc or F1 to close.'),
    );
    await app.type('\x1b');
    await app.waitFor((text) => !text.includes('Press Esc or F1'), 3000);
  });

  it('sends a multi-line paste as one message', async () => {
    app = await mountLoggedIn();
    await app.type('\x1b[200~first line\r\nsecond line\x1b[201~');
    await app.waitFor((text) => text.includes('first line↵second line'));
    await app.type('\r');
    const frame = await app.server.waitForFrame(
      (f) => f.Type === MessageType.Chat,
    );
    expect(frame.Content).toBe('first line\nsecond line');
    expect(sentOfType(MessageType.Chat)).toHaveLength(1);
  });

  it('asks before sending a very long paste', async () => {
    app = await mountLoggedIn();
    const paste = Array.from({ length: 12 }, (_, i) => `row ${i}`).join('\n');
    await app.type(`\x1b[200~${paste}\x1b[201~`, '\r');
    await app.waitFor((text) => text.includes('Send 12 lines'));
    expect(sentOfType(MessageType.Chat)).toHaveLength(0);
    await app.type('y');
    const frame = await app.server.waitForFrame(
      (f) => f.Type === MessageType.Chat,
    );
    expect(frame.Content).toBe(paste);
  });

  it('completes a name with Tab and recalls sent lines with Up', async () => {
    app = await mountLoggedIn();
    peer().send(MessageType.List, {
      Content: 'Online (2): alice, bobby',
      Users: ['alice', 'bobby'],
    });
    await app.waitFor((text) => text.includes('Online (2)'));
    await app.type('To:bo', '\t');
    await app.waitFor((text) => text.includes('> To:bobby-->'));
    await app.type('yo', '\r');
    await app.server.waitForFrame((f) => f.Type === MessageType.Private);
    await app.type('\x1b[A');
    await app.waitFor((text) => text.includes('> To:bobby-->yo'));
  });

  it('leaves your own name out of Tab completion', async () => {
    app = await mountLoggedIn('alice');
    peer().send(MessageType.List, {
      Content: 'Online (2): alice, alan',
      Users: ['alice', 'alan'],
    });
    await app.waitFor((text) => text.includes('Online (2)'));
    await app.type('To:al', '\t');
    await app.waitFor((text) => text.includes('> To:alan-->'));
    await app.type('\t');
    const screen = await app.waitFor((text) => text.includes('> To:'));
    expect(screen).toContain('> To:alan-->');
    expect(screen).not.toContain('To:alice-->');
  });

  it('marks where new messages start since the last visit', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'termchat-seen-'));
    const lastSeen = lastSeenFile('test:1', dir);
    lastSeen.save('alice', { id: '2', time: 2000 });
    app = await mountLoggedIn('alice', { bridge: { lastSeen } });
    say('bob', 'already read', { Id: '2', Time: 2000, History: true });
    say('bob', 'missed this', { Id: '3', Time: 3000, History: true });
    const screen = await app.waitFor((text) => text.includes('missed this'));
    const rows = rowsOf(screen);
    const marker = rows.findIndex((row) =>
      row.includes('new since you were last here'),
    );
    expect(marker).toBeGreaterThan(
      rows.findIndex((row) => row.includes('already read')),
    );
    expect(marker).toBeLessThan(
      rows.findIndex((row) => row.includes('missed this')),
    );
  });

  it('shows a lost connection in the status line and the messages pane', async () => {
    app = await mountLoggedIn();
    peer().socket.destroy();
    const screen = await app.waitFor((text) => text.includes('✕ offline'));
    expect(screen).toContain('Connection lost');
    expect(screen).toContain('Ctrl+R now');
  });

  it('highlights a mention of the user and rings the bell once', async () => {
    let rings = 0;
    app = await mountLoggedIn('alice', {
      bridge: { onBell: () => (rings += 1) },
    });
    say('bob', 'no mention here');
    say('bob', 'ping @alice');
    const screen = await app.waitFor((text) => text.includes('ping @alice'));
    expect(screen).toMatch(/\d\d:\d\d @ bob: ping @alice/);
    expect(rings).toBe(1);
  });
});
