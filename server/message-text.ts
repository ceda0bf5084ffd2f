/**
 * What the server accepts as message text: invisible steering characters
 * removed, then refused when nothing visible is left or when too long.
 */
import { ChatError } from '../shared/errors.ts';

// C0 and C1 controls except \t and \n (so ESC and \r go), and the bidi
// embedding, override and isolate characters that can reorder a line.
const UNSAFE =
  // eslint-disable-next-line no-control-regex -- matching them is the point
  /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;

// A lone half of a surrogate pair is not text; MySQL would refuse it.
const LONE_SURROGATE =
  /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/** Strips unsafe characters; the rest of the text is kept as sent. */
export function stripUnsafe(text: string): string {
  return text.replace(UNSAFE, '').replace(LONE_SURROGATE, '\ufffd');
}

/**
 * Returns the text to deliver, or throws ChatError MESSAGE_EMPTY or
 * MESSAGE_TOO_LONG. Length counts code points after stripping; a long
 * message is refused whole, never cut.
 */
export function acceptText(raw: string, maxChars: number): string {
  const text = stripUnsafe(raw);
  if (text.trim() === '') throw new ChatError('MESSAGE_EMPTY');
  let length = 0;
  for (const _ of text) {
    if (++length > maxChars) {
      throw new ChatError(
        'MESSAGE_TOO_LONG',
        `That message is too long (the limit is ${maxChars} characters); split it up.`,
      );
    }
  }
  return text;
}
