import { describe, expect, it } from 'vitest';
import { MAX_REF_CHARS } from '../../shared/protocol.ts';
import { parseServerMessage } from './server-message.ts';

const refusal = (Ref: unknown) =>
  JSON.stringify({ Type: 3, Content: 'No.', Event: 'error', Ref });

const parse = (frame: object) => parseServerMessage(JSON.stringify(frame));

describe('parseServerMessage', () => {
  it('keeps a well-formed frame whole', () => {
    const frame = {
      Type: 3,
      Sender: 'bob',
      Receiver: '',
      Content: 'bob: hi',
      Id: '7',
      Time: 1_700_000_000_000,
      Text: 'hi',
    };
    expect(parse(frame)).toEqual(frame);
  });

  it('drops what is not a message at all', () => {
    expect(parseServerMessage('not json')).toBeNull();
    expect(parseServerMessage('[3]')).toBeNull();
    expect(parse({ Type: 'chat' })).toBeNull();
    expect(parse({ Type: 99 })).toBeNull();
  });

  it('drops a Time no date can show, and keeps the rest of the frame', () => {
    for (const Time of ['soon', 1e300, -1, null]) {
      const parsed = parse({ Type: 3, Content: 'bob: hi', Time });
      expect(parsed).toEqual({
        Type: 3,
        Sender: '',
        Receiver: '',
        Content: 'bob: hi',
      });
    }
  });

  it('keeps the valid entries of a list and drops the others', () => {
    const parsed = parse({
      Type: 5,
      Content: 'Online (2): alice, bob',
      Users: ['alice', 1, null, 'bob', { name: 'x' }],
    });
    expect(parsed?.Users).toEqual(['alice', 'bob']);

    const rank = parse({
      Type: 7,
      Rank: [{ Name: 'alice', Score: 3 }, { Name: 4 }, 'bob'],
      Place: 1.5,
    });
    expect(rank?.Rank).toEqual([{ Name: 'alice', Score: 3 }]);
    expect(rank).not.toHaveProperty('Place');
  });

  it('keeps the Ref of a refusal', () => {
    expect(parseServerMessage(refusal('7'))).toMatchObject({
      Type: 3,
      Event: 'error',
      Ref: '7',
    });
  });

  it('drops a Ref that is not a short string, keeping the frame', () => {
    for (const ref of [7, null, ['7'], 'x'.repeat(MAX_REF_CHARS + 1)]) {
      const frame = parseServerMessage(refusal(ref));
      expect(frame).toMatchObject({ Content: 'No.' });
      expect(frame).not.toHaveProperty('Ref');
    }
  });
});
