/**
 * Builders for every frame the server sends, so a live message and its
 * history replay are the same frame but for `History`.
 */
import { ERRORS, type ErrorCode } from '../shared/errors.ts';
import { message, MessageType, type Message } from '../shared/protocol.ts';
import type { StoredMessage } from './store/types.ts';

/** A room line or a private message, live or replayed. */
export function chatFrame(
  entry: StoredMessage | Omit<StoredMessage, 'id'>,
  history = false,
): Message {
  const id = 'id' in entry && entry.id !== '' ? { Id: entry.id } : {};
  const extra = history ? { History: true } : {};
  if (entry.receiver !== '') {
    return message(MessageType.Private, {
      Sender: entry.sender,
      Receiver: entry.receiver,
      Content: entry.text,
      Text: entry.text,
      ...id,
      Time: entry.time,
      ...extra,
    });
  }
  const content = entry.action
    ? `* ${entry.sender} ${entry.text}`
    : `${entry.sender}: ${entry.text}`;
  return message(MessageType.Chat, {
    Sender: entry.sender,
    Content: content,
    Text: entry.text,
    ...id,
    Time: entry.time,
    ...(entry.action ? { Action: true } : {}),
    ...extra,
  });
}

/** "alice joined" / "alice left", for everyone else in the room. */
export function presenceFrame(name: string, event: 'join' | 'leave'): Message {
  return message(MessageType.Chat, {
    Sender: name,
    Content: event === 'join' ? `${name} joined` : `${name} left`,
    Event: event,
    Time: Date.now(),
  });
}

/**
 * A refusal or a notice, as a chat frame with a code; `ref` is the `Ref`
 * of the frame it answers, absent (not empty) when there is none, so an
 * original client gets the very frame it always got.
 */
export function eventFrame(
  code: ErrorCode,
  event: 'error' | 'notice' = 'error',
  text: string = ERRORS[code],
  ref?: string,
): Message {
  return message(MessageType.Chat, {
    Content: text,
    Event: event,
    Code: code,
    ...(ref === undefined ? {} : { Ref: ref }),
  });
}

/** The reply to a login or register that failed. */
export function refusalFrame(
  code: ErrorCode,
  text: string = ERRORS[code],
): Message {
  return message(MessageType.Register, { Content: text, Code: code });
}
