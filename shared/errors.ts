/**
 * Every error the server can report, by stable code. A code travels in a
 * reply's `Code` field next to the readable `Content`, so our client can
 * react to it while an original client still shows the sentence.
 */
import { MAX_REF_CHARS } from './protocol.ts';

/** The type of every field a client may send, for BAD_MESSAGE. */
const FIELD_RULES = `Type is a whole number, Sender, Receiver and Content are strings, Action is true or false, Version is a whole number of 0 or more, and a Ref is 1 to ${MAX_REF_CHARS} visible ASCII characters.`;

export const ERRORS = {
  BAD_FRAME: 'That frame is not a JSON object; send one JSON object per frame.',
  BAD_MESSAGE: `That message has a field of the wrong type; ${FIELD_RULES}`,
  FORBIDDEN_KEY: 'Keys such as __proto__ or constructor are not allowed.',
  UNKNOWN_TYPE: 'That message type is unknown to this server.',
  NOT_LOGGED_IN: 'Log in or register first.',
  ALREADY_LOGGED_IN: 'You are already logged in on this connection.',
  NAME_INVALID:
    'Names are 1 to 32 characters with no spaces, control or invisible characters or skin tones, no "-->", and do not start with @ or /.',
  NAME_RESERVED: 'That name is reserved; pick another.',
  NAME_CONFUSABLE:
    'That name mixes Latin with Cyrillic or Greek letters; use one script.',
  NAME_TAKEN: 'That name is taken; pick another or log in.',
  PASSWORD_INVALID: 'Passwords are 1 to 256 characters.',
  UNKNOWN_USER: 'No account has that name; register it first.',
  WRONG_PASSWORD: 'Wrong password; try again.',
  LOGIN_THROTTLED: 'Too many attempts; wait a little and try again.',
  LOGIN_TOO_OFTEN:
    'This account has logged in too often just now; wait a little and log in again.',
  REGISTER_THROTTLED:
    'Too many registration attempts from your address; wait a little and try again.',
  USER_OFFLINE: 'That user is not online right now.',
  SELF_MESSAGE: 'You cannot send a private message to yourself.',
  MESSAGE_EMPTY: 'Empty messages are not sent.',
  MESSAGE_TOO_LONG: 'That message is too long; split it up.',
  RATE_LIMITED: 'You are sending too fast; wait a second.',
  STORE_UNAVAILABLE:
    'The account database is unavailable; try again in a moment.',
  SCORES_UNAVAILABLE: 'Scores are unavailable right now; try again later.',
  NOT_STORED:
    'Your message was delivered but not saved to history: the history store is unavailable.',
  HISTORY_UNAVAILABLE:
    'History could not be loaded right now; new messages still arrive.',
  SESSION_REPLACED:
    'You logged in from somewhere else; this session is closed.',
  IDLE_TIMEOUT: 'No sign of life for too long; the connection is closed.',
  LOGIN_TIMEOUT: 'No login in time; the connection is closed.',
  FRAME_TOO_LARGE: 'That frame is larger than the server accepts.',
  TOO_MANY_CONNECTIONS: 'Too many connections from your address.',
  SLOW_CONSUMER: 'You were not reading fast enough; the connection is closed.',
  SERVER_SHUTDOWN: 'The server is shutting down.',
  INTERNAL: 'Something went wrong on the server; try again.',
} as const;

export type ErrorCode = keyof typeof ERRORS;

/** A refusal that carries a stable code and a sentence for the user. */
export class ChatError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string = ERRORS[code],
  ) {
    super(message);
    this.name = 'ChatError';
  }
}

/** True when a value names a known error code. */
export function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === 'string' && Object.hasOwn(ERRORS, value);
}

/** The BAD_MESSAGE sentence for a message whose `field` is wrong. */
export function badFieldText(field: string): string {
  return `That message's ${field} has the wrong type; ${FIELD_RULES}`;
}
