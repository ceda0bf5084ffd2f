/**
 * What the messages pane says when the server refuses a line this client
 * sent, or delivers it without saving it: which line (a short preview),
 * why, and where the text is now.
 */
import type { Message } from '../../shared/protocol.ts';
import { truncateCells } from '../text/graphemes.ts';
import { sanitize } from '../text/sanitize.ts';
import type { SentLine } from './sent-lines.ts';

/** Cells of a line's text the preview shows: enough to recognise it. */
export const PREVIEW_CELLS = 24;

/** Where a refused line's text went. */
export type Returned = 'input' | 'history';

const WHERE: Record<Returned, string> = {
  input: 'It is back in the input box.',
  history: 'Press Up to get it back.',
};

/**
 * The start of a line's text on one row, as drawn: white space (line
 * breaks too) runs together, and text that is cut ends in "…", never
 * splitting a wide character or an emoji.
 */
export function previewText(text: string): string {
  const oneRow = sanitize(text.replace(/\s+/g, ' ').trim());
  return truncateCells(oneRow, PREVIEW_CELLS, '…');
}

/**
 * The pane's line for a refusal of `sent`: "Not sent: “hello wor…” —
 * You are sending too fast; wait a second. It is back in the input box."
 */
export function refusedText(
  sent: SentLine,
  frame: Pick<Message, 'Content'>,
  returned: Returned,
): string {
  const to = sent.to === undefined ? '' : ` to ${sent.to}`;
  const why = frame.Content.trim() || 'The server refused it.';
  return `Not sent${to}: “${previewText(sent.text)}” — ${why} ${WHERE[returned]}`;
}

/**
 * The pane's line for a NOT_STORED: the line reached everyone, so it is
 * not handed back, but it is missing from the history replayed later.
 */
export function notStoredText(sent: SentLine): string {
  const to = sent.to === undefined ? '' : ` to ${sent.to}`;
  return `Delivered${to} but not saved to history: “${previewText(sent.text)}” — no need to send it again; it will be missing from the history shown at login.`;
}

/** Why a line the link lost may not have arrived, for the input box. */
export const UNANSWERED_REASON =
  'the connection dropped before the server answered';

/**
 * The pane's line for a line still unanswered when the link dropped: it
 * may or may not have reached the room, so the user is asked to look
 * before sending it again.
 */
export function unansweredText(sent: SentLine, returned: Returned): string {
  const to = sent.to === undefined ? '' : ` to ${sent.to}`;
  return `Maybe not sent${to}: “${previewText(sent.text)}” — ${UNANSWERED_REASON}; check the room before sending it again. ${WHERE[returned]}`;
}
