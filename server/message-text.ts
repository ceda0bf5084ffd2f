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

// A tab would jump to the reader's next tab stop, wherever that is; two
// spaces keep a pasted indent without a control character.
const TAB = /\t/g;
const TAB_SPACES = '  ';

// Something a reader can see: not white space, a format character, a
// default-ignorable code point (zero-width space, Hangul fillers) or one
// of the blanks that are none of these (the Braille blank U+2800).
const VISIBLE =
  /[^\p{White_Space}\p{Cc}\p{Cf}\p{Default_Ignorable_Code_Point}\u2800\u{1d159}]/u;

// A lone half of a surrogate pair is not text; MySQL would refuse it.
const LONE_SURROGATE =
  /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/** Strips unsafe characters; the rest of the text is kept as sent. */
export function stripUnsafe(text: string): string {
  return text.replace(UNSAFE, '').replace(LONE_SURROGATE, '\ufffd');
}

/**
 * Returns the text to deliver, or throws ChatError MESSAGE_EMPTY (nothing
 * visible in it) or MESSAGE_TOO_LONG. Length counts code points after
 * stripping, a tab as one, as the client counts; a long message is
 * refused whole, never cut. Tabs are delivered as spaces.
 */
export function acceptText(raw: string, maxChars: number): string {
  const text = stripUnsafe(raw);
  if (!VISIBLE.test(text)) throw new ChatError('MESSAGE_EMPTY');
  let length = 0;
  for (const _ of text) {
    if (++length > maxChars) {
      throw new ChatError(
        'MESSAGE_TOO_LONG',
        `That message is too long (the limit is ${maxChars} characters); split it up.`,
      );
    }
  }
  return text.replace(TAB, TAB_SPACES);
}
