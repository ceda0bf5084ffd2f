import { describe, expect, it } from 'vitest';
import { MAX_REF_CHARS } from '../../shared/protocol.ts';
import { parseServerMessage } from './server-message.ts';

const refusal = (Ref: unknown) =>
  JSON.stringify({ Type: 3, Content: 'No.', Event: 'error', Ref });

describe('parseServerMessage', () => {
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
