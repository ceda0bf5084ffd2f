/**
 * The messages both sides exchange. The four capitalised keys and type
 * numbers 0–7 are the original Go chat room's; everything else is an
 * optional field that original clients ignore. See docs/protocol.md.
 */
import { z } from 'zod';
import type { ErrorCode } from './errors.ts';

export const MessageType = {
  Login: 0,
  Register: 1,
  Leave: 2,
  Chat: 3,
  Private: 4,
  List: 5,
  Heartbeat: 6,
  Rank: 7,
} as const;

export type MessageType = (typeof MessageType)[keyof typeof MessageType];

/** The protocol version our own client announces at login. */
export const PROTOCOL_VERSION = 1;

/**
 * The longest chat or private text a server takes, in code points, unless
 * its MAX_MESSAGE_CHARS says otherwise. Clients check before sending.
 */
export const DEFAULT_MAX_MESSAGE_CHARS = 2000;

/**
 * The longest `Ref` a client may put on a frame. A Ref is a tag the
 * server only copies back onto its refusal, never text for people, so
 * it is short and visible ASCII: its length is the same in characters,
 * UTF-16 units and bytes.
 */
export const MAX_REF_CHARS = 64;

/** The reply Content that means a login or register succeeded. */
export const OK = 'OK';

/** What a server-sent chat frame is about, in its `Event` field. */
export type ChatEvent = 'message' | 'join' | 'leave' | 'notice' | 'error';

export interface RankEntry {
  Name: string;
  Score: number;
}

/** One frame, as it travels in either direction. */
export interface Message {
  Type: MessageType;
  Sender: string;
  Receiver: string;
  Content: string;
  /**
   * History id of a stored message: a whole number as a string ("1",
   * "2", …) that grows with each message, on every backend.
   */
  Id?: string;
  /** When the server accepted the message, in milliseconds since 1970. */
  Time?: number;
  /** The message text alone, without the "name: " prefix of Content. */
  Text?: string;
  /** A chat frame's kind; absent means an ordinary room message. */
  Event?: ChatEvent;
  /** Set on messages replayed from history after login. */
  History?: boolean;
  /** An `/me` action rather than a plain line. */
  Action?: boolean;
  /** A stable error code from shared/errors.ts, on refusals. */
  Code?: ErrorCode;
  /** The online users, on list replies. */
  Users?: string[];
  /** The top users by activity, on rank replies. */
  Rank?: RankEntry[];
  /** The requesting user's own place (1-based) and score, on rank replies. */
  Place?: number;
  Score?: number;
  /** The protocol version: announced by a client at login, by the server in its reply. */
  Version?: number;
  /**
   * A client's tag on a chat, private, list or rank frame, copied back
   * onto the server's refusal or NOT_STORED for it, so the client knows
   * which request that was.
   */
  Ref?: string;
}

const FORBIDDEN_KEYS = ['__proto__', 'constructor', 'prototype'];

const refSchema = z
  .string()
  .min(1)
  .max(MAX_REF_CHARS)
  .regex(/^[!-~]+$/, 'visible ASCII characters only');

const clientMessageSchema = z.object({
  Type: z.number().int(),
  Sender: z.string().optional().default(''),
  Receiver: z.string().optional().default(''),
  Content: z.string().optional().default(''),
  Action: z.boolean().optional(),
  Version: z.number().int().nonnegative().optional(),
  Ref: refSchema.optional(),
});

export type ClientMessage = z.infer<typeof clientMessageSchema> & {
  Type: MessageType;
};

export type ParseResult =
  | { ok: true; message: ClientMessage }
  | {
      ok: false;
      code: ErrorCode;
      detail?: string;
      /** The known field that was wrong, on BAD_MESSAGE. */
      field?: string;
      /** The `Type` the body declared, when it was a JSON object with one. */
      type?: number;
      /** The body's `Ref`, when it is a valid one on a frame that carries one. */
      ref?: string;
    };

function isKnownType(type: number): type is MessageType {
  return type >= MessageType.Login && type <= MessageType.Rank;
}

/**
 * True for the message types whose refusals carry the frame's `Ref`:
 * the requests a logged-in client makes that may be refused.
 */
export function carriesRef(type: number | undefined): boolean {
  return (
    type === MessageType.Chat ||
    type === MessageType.Private ||
    type === MessageType.List ||
    type === MessageType.Rank
  );
}

/**
 * Validates a frame body sent by a client. Unknown keys (such as the
 * original client's `"Conn": null`) are ignored; missing string fields
 * read as empty. A `Ref` that is not 1 to MAX_REF_CHARS visible ASCII
 * characters makes the frame BAD_MESSAGE, as any field of the wrong type
 * does: a client that cannot match the answer would lose track quietly.
 */
export function parseClientMessage(body: string): ParseResult {
  let value: unknown;
  try {
    value = JSON.parse(body);
  } catch {
    return { ok: false, code: 'BAD_FRAME' };
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return { ok: false, code: 'BAD_FRAME', detail: 'not a JSON object' };
  }
  // A refusal of a login or register must be a login reply (Type 1), so
  // the declared Type travels with every refusal of an object; so does a
  // Ref of a frame that carries one, when valid, for the client to match.
  const { Type: declared, Ref: ref } = value as {
    Type?: unknown;
    Ref?: unknown;
  };
  const type = typeof declared === 'number' ? { type: declared } : {};
  const isRefValid = carriesRef(type.type) && refSchema.safeParse(ref).success;
  const refusal = { ...type, ...(isRefValid ? { ref: ref as string } : {}) };
  if (FORBIDDEN_KEYS.some((key) => Object.hasOwn(value, key))) {
    return { ok: false, code: 'FORBIDDEN_KEY', ...refusal };
  }

  const parsed = clientMessageSchema.safeParse(value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const field = issue?.path[0];
    return {
      ok: false,
      code: 'BAD_MESSAGE',
      detail: issue ? `${issue.path.join('.')}: ${issue.message}` : undefined,
      ...(typeof field === 'string' ? { field } : {}),
      ...refusal,
    };
  }
  if (!isKnownType(parsed.data.Type)) {
    return { ok: false, code: 'UNKNOWN_TYPE', ...type };
  }
  return { ok: true, message: parsed.data as ClientMessage };
}

/** True for the two requests whose every answer is a Type 1 reply. */
export function isLoginRequest(type: number | undefined): boolean {
  return type === MessageType.Login || type === MessageType.Register;
}

/** Builds a frame with the four original keys always present. */
export function message(
  type: MessageType,
  fields: Partial<Omit<Message, 'Type'>> = {},
): Message {
  return { Type: type, Sender: '', Receiver: '', Content: '', ...fields };
}
