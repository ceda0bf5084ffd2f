import { afterEach, describe, expect, it } from 'vitest';
import { MessageType } from '../../shared/protocol.ts';
import { mountLoggedIn, type MountedApp } from '../testing/mount-app.tsx';

let app: MountedApp;
afterEach(() => app.close());

const paste = (text: string) => `\x1b[200~${text}\x1b[201~`;
const chatFrames = () =>
  app.server.received.filter((frame) => frame.Type === MessageType.Chat);
/** A paste of `count` numbered lines of about 78 characters. */
const manyLines = (count: number) =>
  Array.from({ length: count }, (_, i) =>
    `line ${i + 1} `.padEnd(78, 'abcdefghij'),
  ).join('\n');

describe('a long paste in the input box', () => {
  it('refuses in place a paste over the room’s 2000 characters and keeps it', async () => {
    app = await mountLoggedIn('alice', { columns: 80, rows: 24 });
    const text = manyLines(120);
    const count = [...text].length;
    await app.type(paste(text));
    await app.waitFor((screen) => screen.includes('+119 more lines'));
    await app.type('\r');
    const screen = await app.waitFor((s) => s.includes('Split it up.'));
    expect(screen).toContain(
      `That is ${count} characters; the room takes at most 2000. Split it up.`,
    );
    expect(screen).not.toContain('as one message?');
    expect(screen).toContain('> e 120 abcdefghij');

    await app.type('y', '\r');
    await app.waitFor((s) => s.includes('Split it up.'));
    expect(chatFrames()).toHaveLength(0);
  });

  it('says how many more lines a multi-line paste holds than the box shows', async () => {
    app = await mountLoggedIn('alice', { columns: 80, rows: 24 });
    const text = manyLines(120);
    await app.type(paste(text));
    const screen = await app.waitFor((s) => s.includes('more lines'));
    expect(screen).toContain(
      `(+119 more lines, ${[...text].length} characters in all)`,
    );
    await app.type('\x15', '\x0b');
    await app.waitFor((s) => s.includes('Enter send · Tab complete'));
  });

  it('sends 2000 emoji, counted as 2000 characters, after asking', async () => {
    app = await mountLoggedIn();
    const text = '😀'.repeat(2000);
    await app.type(paste(text), '\r');
    await app.waitFor((s) =>
      s.includes('Send 2000 characters as one message? y sends'),
    );
    await app.type('y');
    const frame = await app.server.waitForFrame(
      (f) => f.Type === MessageType.Chat,
    );
    expect(frame.Content).toBe(text);
  });

  it('asks before sending 12 pasted lines and sends them only on y', async () => {
    app = await mountLoggedIn('alice', { columns: 80, rows: 24 });
    const text = manyLines(12);
    const question = `Send 12 lines (${[...text].length} characters) as one message? y sends · n or Esc to edit`;
    await app.type(paste(text));
    await app.waitFor((s) => s.includes('+11 more lines'));

    await app.type('\r', '\r');
    await app.waitFor((s) => s.includes(question));
    await app.type('x', '\x7f', '\x1b[A');
    expect(app.screen()).toContain(question);
    expect(chatFrames()).toHaveLength(0);

    await app.type('n');
    await app.waitFor((s) => s.includes('Not sent; the paste is still in'));
    await app.type('\r');
    await app.waitFor((s) => s.includes(question));
    await app.type('\x1b');
    await app.waitFor((s) => s.includes('Not sent; the paste is still in'));
    expect(app.screen()).not.toContain('Press Esc or F1');
    expect(chatFrames()).toHaveLength(0);

    await app.type('\r', 'Y');
    const frame = await app.server.waitForFrame(
      (f) => f.Type === MessageType.Chat,
    );
    expect(frame.Content).toBe(text);
    expect(chatFrames()).toHaveLength(1);
    await app.waitFor((s) => s.includes('Enter send · Tab complete'));
  });

  it('takes the paste notice away once the text is changed, not when the cursor moves', async () => {
    app = await mountLoggedIn('alice', { columns: 80, rows: 24 });
    await app.type(paste(manyLines(12)), '\r', 'n');
    await app.waitFor((s) => s.includes('Not sent; the paste is still in'));
    await app.type('\x1b[D');
    expect(app.screen()).toContain('Not sent; the paste is still in');
    await app.type('\x15');
    await app.waitFor((s) => s.includes('Enter send · Tab complete'));
  });

  it('refuses a private message over the limit without sending it', async () => {
    app = await mountLoggedIn();
    await app.type(paste(`/msg bob ${'z'.repeat(2001)}`), '\r');
    await app.waitFor((s) =>
      s.includes('That is 2001 characters; the room takes at most 2000.'),
    );
    expect(
      app.server.received.filter((f) => f.Type === MessageType.Private),
    ).toHaveLength(0);
  });
});
