import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseCommand } from './commands.ts';

describe('parseCommand', () => {
  it('sends plain text to the room', () => {
    expect(parseCommand('hello 你好 😀')).toEqual({
      kind: 'chat',
      text: 'hello 你好 😀',
    });
  });

  it('reads the original private form, split on the first -->', () => {
    expect(parseCommand('To:bob-->hi --> there')).toEqual({
      kind: 'private',
      to: 'bob',
      text: 'hi --> there',
    });
  });

  it('accepts a full-width colon and any case in To:', () => {
    expect(parseCommand('To：小明-->你好')).toEqual({
      kind: 'private',
      to: '小明',
      text: '你好',
    });
    expect(parseCommand('to:bob-->x')).toMatchObject({ to: 'bob' });
  });

  it('explains a private message without a separator', () => {
    expect(parseCommand('To:bob hi')).toEqual({
      kind: 'invalid',
      error: 'Private messages look like To:name-->text.',
    });
  });

  it('refuses a private message with no name or no text', () => {
    expect(parseCommand('To:-->hi')).toMatchObject({ kind: 'invalid' });
    expect(parseCommand('To:bob-->   ')).toEqual({
      kind: 'invalid',
      error: 'Write something to send to bob.',
    });
  });

  it('reads @name as the name, since no name starts with @', () => {
    const toBob = { kind: 'private', to: 'bob', text: 'hi' };
    expect(parseCommand('/msg @bob hi')).toEqual(toBob);
    expect(parseCommand('To:@bob-->hi')).toEqual(toBob);
  });

  it('reads the bare original commands', () => {
    expect(parseCommand('list')).toEqual({ kind: 'list' });
    expect(parseCommand(' rank ')).toEqual({ kind: 'rank' });
    expect(parseCommand('quit')).toEqual({ kind: 'quit' });
    expect(parseCommand('help')).toEqual({ kind: 'help' });
  });

  it('reads the slash forms', () => {
    expect(parseCommand('/msg bob hi there')).toEqual({
      kind: 'private',
      to: 'bob',
      text: 'hi there',
    });
    expect(parseCommand('/me waves')).toEqual({
      kind: 'action',
      text: 'waves',
    });
    expect(parseCommand('/LIST')).toEqual({ kind: 'list' });
    expect(parseCommand('/rank')).toEqual({ kind: 'rank' });
    expect(parseCommand('/quit')).toEqual({ kind: 'quit' });
    expect(parseCommand('/help')).toEqual({ kind: 'help' });
  });

  it('explains slash commands used wrongly', () => {
    expect(parseCommand('/msg bob')).toEqual({
      kind: 'invalid',
      error: 'Usage: /msg name text',
    });
    expect(parseCommand('/me')).toEqual({
      kind: 'invalid',
      error: 'Usage: /me action',
    });
    expect(parseCommand('/dance')).toMatchObject({
      kind: 'invalid',
      error: expect.stringContaining('Unknown command /dance'),
    });
  });

  it('sends a line starting with // as text with one slash', () => {
    expect(parseCommand('//shrug')).toEqual({ kind: 'chat', text: '/shrug' });
  });

  it('sends the text after /say as it is, command words and slashes too', () => {
    expect(parseCommand('/say help')).toEqual({ kind: 'chat', text: 'help' });
    expect(parseCommand('/say /me')).toEqual({ kind: 'chat', text: '/me' });
    expect(parseCommand('/SAY To:bob-->hi')).toEqual({
      kind: 'chat',
      text: 'To:bob-->hi',
    });
    expect(parseCommand('/say  two  spaces\nand a line')).toEqual({
      kind: 'chat',
      text: 'two  spaces\nand a line',
    });
  });

  it('explains /say with nothing to say', () => {
    expect(parseCommand('/say  ')).toEqual({
      kind: 'invalid',
      error: 'Usage: /say text',
    });
    expect(parseCommand('/sayhi')).toMatchObject({
      kind: 'invalid',
      error: expect.stringContaining('Unknown command /sayhi'),
    });
  });

  it('sends any text after /say to the room, trimmed like any line', () => {
    const words = fc.constantFrom('list', 'rank', 'help', 'quit', '/me', '');
    const text = fc.string({ unit: 'grapheme', maxLength: 40 });
    fc.assert(
      fc.property(words, text, (word, rest) => {
        const said = `${word}${rest}`;
        fc.pre(said.trim() !== '');
        expect(parseCommand(`/say ${said}`)).toEqual({
          kind: 'chat',
          text: said.trim(),
        });
      }),
    );
  });

  it('sends nothing for an empty line', () => {
    expect(parseCommand('   ')).toMatchObject({ kind: 'invalid' });
  });

  it('keeps a multi-line message as one message', () => {
    expect(parseCommand('line one\nline two\n')).toEqual({
      kind: 'chat',
      text: 'line one\nline two',
    });
  });

  it('always returns a command and never sends an empty text', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 60 }), (input) => {
        const command = parseCommand(input);
        if (command.kind === 'chat' || command.kind === 'private') {
          expect(command.text.trim()).not.toBe('');
        }
        if (command.kind === 'private') {
          expect(command.to.trim()).not.toBe('');
        }
      }),
    );
  });
});
