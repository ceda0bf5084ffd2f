import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  carriesRef,
  isLoginRequest,
  MAX_REF_CHARS,
  message,
  MessageType,
  parseClientMessage,
} from './protocol.ts';

const fixtures = readFileSync(
  new URL('../test/fixtures/legacy-client-frames.jsonl', import.meta.url),
  'utf8',
)
  .trim()
  .split('\n')
  .map(
    (line) =>
      JSON.parse(line) as { what: string; length_hex: string; body: string },
  );

describe('parseClientMessage', () => {
  it.each(fixtures)('accepts the original client’s $what frame', (frame) => {
    const result = parseClientMessage(frame.body);

    expect(result.ok).toBe(true);
    expect(Buffer.byteLength(frame.body)).toBe(
      Number.parseInt(frame.length_hex, 16),
    );
  });

  it('decodes Go’s HTML-safe escapes back to the typed text', () => {
    const chat = fixtures.find((frame) => frame.what === 'chat')!;
    const result = parseClientMessage(chat.body);

    expect(result).toMatchObject({
      ok: true,
      message: { Type: 3, Content: 'hello <b>&</b> 你好 😀' },
    });
  });

  it('reads missing string fields as empty', () => {
    expect(parseClientMessage('{"Type":5}')).toEqual({
      ok: true,
      message: { Type: 5, Sender: '', Receiver: '', Content: '' },
    });
  });

  it('refuses text that is not JSON', () => {
    expect(parseClientMessage('{"Type":')).toMatchObject({
      ok: false,
      code: 'BAD_FRAME',
    });
  });

  it('refuses JSON that is not an object', () => {
    for (const body of ['[1]', '"text"', '42', 'null']) {
      expect(parseClientMessage(body)).toMatchObject({ code: 'BAD_FRAME' });
    }
  });

  it('refuses fields of the wrong type', () => {
    expect(parseClientMessage('{"Type":"3"}')).toMatchObject({
      code: 'BAD_MESSAGE',
    });
    expect(parseClientMessage('{"Type":3,"Content":5}')).toMatchObject({
      code: 'BAD_MESSAGE',
      detail: expect.stringContaining('Content'),
      field: 'Content',
    });
    expect(parseClientMessage('{"Type":0,"Version":"1"}')).toMatchObject({
      code: 'BAD_MESSAGE',
      field: 'Version',
    });
    expect(parseClientMessage('{"Type":3.5}')).toMatchObject({
      code: 'BAD_MESSAGE',
    });
  });

  it('refuses an unknown type', () => {
    expect(parseClientMessage('{"Type":99}')).toMatchObject({
      code: 'UNKNOWN_TYPE',
    });
    expect(parseClientMessage('{"Type":-1}')).toMatchObject({
      code: 'UNKNOWN_TYPE',
    });
  });

  it('refuses prototype keys', () => {
    expect(
      parseClientMessage('{"Type":3,"__proto__":{"admin":true}}'),
    ).toMatchObject({ code: 'FORBIDDEN_KEY' });
    expect(parseClientMessage('{"Type":3,"constructor":1}')).toMatchObject({
      code: 'FORBIDDEN_KEY',
    });
  });
});

describe('parseClientMessage refusals', () => {
  it('carries the declared Type so a login refusal can be a login reply', () => {
    expect(parseClientMessage('{"Type":0,"Content":5}')).toMatchObject({
      code: 'BAD_MESSAGE',
      type: 0,
    });
    expect(
      parseClientMessage('{"Type":1,"__proto__":{"admin":true}}'),
    ).toMatchObject({ code: 'FORBIDDEN_KEY', type: 1 });
    expect(parseClientMessage('{"Type":"0"}')).not.toHaveProperty('type');
    expect(parseClientMessage('[0]')).not.toHaveProperty('type');
  });
});

describe('a Ref on a client frame', () => {
  it('is kept as sent when it is 1 to MAX_REF_CHARS visible ASCII characters', () => {
    const ref = 'a~!'.padEnd(MAX_REF_CHARS, 'z');
    const body = JSON.stringify({ Type: 3, Content: 'hi', Ref: ref });
    expect(parseClientMessage(body)).toMatchObject({
      ok: true,
      message: { Type: 3, Content: 'hi', Ref: ref },
    });
  });

  it('is absent when the frame has none, as from the original client', () => {
    for (const frame of fixtures) {
      const result = parseClientMessage(frame.body);
      expect(result.ok && 'Ref' in result.message).toBe(false);
    }
  });

  it('makes the frame BAD_MESSAGE when it is not a short visible ASCII string', () => {
    const refs = [
      7,
      null,
      ['1'],
      '',
      'x'.repeat(MAX_REF_CHARS + 1),
      'two words',
      'tab\t',
      'café',
      '\u001b[2J',
    ];
    for (const Ref of refs) {
      const body = JSON.stringify({ Type: 3, Content: 'hi', Ref });
      expect(parseClientMessage(body)).toMatchObject({
        ok: false,
        code: 'BAD_MESSAGE',
        detail: expect.stringContaining('Ref'),
      });
    }
  });

  it('travels with a refusal of a frame that carries one, when valid', () => {
    expect(parseClientMessage('{"Type":3,"Content":5,"Ref":"r1"}')).toEqual({
      ok: false,
      code: 'BAD_MESSAGE',
      detail: expect.any(String),
      field: 'Content',
      type: 3,
      ref: 'r1',
    });
    expect(
      parseClientMessage('{"Type":4,"constructor":1,"Ref":"r2"}'),
    ).toMatchObject({ code: 'FORBIDDEN_KEY', ref: 'r2' });
    expect(
      parseClientMessage('{"Type":3,"Content":5,"Ref":""}'),
    ).not.toHaveProperty('ref');
    expect(
      parseClientMessage('{"Type":7,"Content":5,"Ref":"r3"}'),
    ).toMatchObject({ code: 'BAD_MESSAGE', ref: 'r3' });
    expect(
      parseClientMessage('{"Type":6,"Content":5,"Ref":"r4"}'),
    ).not.toHaveProperty('ref');
  });

  it('is carried back on chat, private, list and rank refusals only', () => {
    expect([0, 1, 2, 3, 4, 5, 6, 7, undefined].map(carriesRef)).toEqual([
      false,
      false,
      false,
      true,
      true,
      true,
      false,
      true,
      false,
    ]);
  });
});

describe('isLoginRequest', () => {
  it('is true for login and register only', () => {
    expect([0, 1, 2, 3, 6, undefined].map(isLoginRequest)).toEqual([
      true,
      true,
      false,
      false,
      false,
      false,
    ]);
  });
});

describe('message', () => {
  it('always carries the four original keys', () => {
    expect(message(MessageType.List, { Users: ['a'] })).toEqual({
      Type: 5,
      Sender: '',
      Receiver: '',
      Content: '',
      Users: ['a'],
    });
  });
});
