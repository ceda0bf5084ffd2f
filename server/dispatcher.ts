/**
 * The one place a decoded frame enters the server: it validates the
 * frame, checks the connection's state first (log in before anything
 * else, and only once), then hands it to the handler for its type.
 */
import {
  badFieldText,
  ChatError,
  ERRORS,
  type ErrorCode,
} from '../shared/errors.ts';
import {
  carriesRef,
  isLoginRequest,
  MessageType,
  parseClientMessage,
  type ClientMessage,
} from '../shared/protocol.ts';
import { refusalFrame } from './frames.ts';
import { handleChat } from './handlers/chat.ts';
import { handleHeartbeat } from './handlers/heartbeat.ts';
import { handleLeave } from './handlers/leave.ts';
import { handleList } from './handlers/list.ts';
import { handleLogin } from './handlers/login.ts';
import { handlePrivate } from './handlers/private.ts';
import { handleRank } from './handlers/rank.ts';
import { handleRegister } from './handlers/register.ts';
import type { Hub } from './hub.ts';
import type { Session } from './session.ts';

/** What every handler gets: the room, the connection, the frame. */
export interface HandlerContext {
  hub: Hub;
  session: Session;
  message: ClientMessage;
}

/** Handles one message type; a ChatError it throws becomes an error reply. */
export type Handler = (context: HandlerContext) => Promise<void> | void;

const HANDLERS: Record<MessageType, Handler> = {
  [MessageType.Login]: handleLogin,
  [MessageType.Register]: handleRegister,
  [MessageType.Leave]: handleLeave,
  [MessageType.Chat]: handleChat,
  [MessageType.Private]: handlePrivate,
  [MessageType.List]: handleList,
  [MessageType.Heartbeat]: handleHeartbeat,
  [MessageType.Rank]: handleRank,
};

const BEFORE_LOGIN = new Set<MessageType>([
  MessageType.Login,
  MessageType.Register,
  MessageType.Heartbeat,
]);

/** Validates, checks state and routes one frame body. */
export async function dispatch(
  hub: Hub,
  session: Session,
  body: string,
): Promise<void> {
  const parsed = parseClientMessage(body);
  if (!parsed.ok) {
    session.log.warn(
      { code: parsed.code, detail: parsed.detail },
      'bad message',
    );
    const text =
      parsed.field === undefined ? undefined : badFieldText(parsed.field);
    refuse(session, { type: parsed.type, ref: parsed.ref }, parsed.code, text);
    return;
  }

  const message = parsed.message;
  const refused = {
    type: message.Type,
    ref: carriesRef(message.Type) ? message.Ref : undefined,
  };
  const isLoggedIn = session.user !== null;
  if (!isLoggedIn && !BEFORE_LOGIN.has(message.Type)) {
    refuse(session, refused, 'NOT_LOGGED_IN');
    return;
  }
  if (isLoggedIn && isLoginRequest(message.Type)) {
    refuse(session, refused, 'ALREADY_LOGGED_IN');
    return;
  }

  try {
    await HANDLERS[message.Type]({ hub, session, message });
  } catch (error) {
    if (error instanceof ChatError) {
      refuse(session, refused, error.code, error.message);
      return;
    }
    session.log.error({ err: error, type: message.Type }, 'handler failed');
    refuse(session, refused, 'INTERNAL');
  }
}

/** The frame a refusal answers: its declared Type, and its Ref if any. */
interface Refused {
  type?: number;
  ref?: string;
}

/**
 * Sends a refusal: a Type 1 reply when the frame was a login or register
 * (the original client waits for exactly that), else an error event
 * carrying the refused frame's Ref.
 */
function refuse(
  session: Session,
  { type, ref }: Refused,
  code: ErrorCode,
  text: string = ERRORS[code],
): void {
  if (isLoginRequest(type)) session.send(refusalFrame(code, text));
  else session.sendError(code, { text, ref });
}
