/**
 * Type 6, heartbeat. Any frame already counts as a sign of life (the
 * session resets its idle timer), so this only answers: clients that
 * announced version 1 get a PONG; original clients expect no reply.
 */
import { message, MessageType } from '../../shared/protocol.ts';
import type { Handler } from '../dispatcher.ts';

/** Answers a PING from a client that understands PONG. */
export const handleHeartbeat: Handler = ({ session, message: msg }) => {
  const version = session.user ? session.version : (msg.Version ?? 0);
  if (version >= 1) {
    session.send(message(MessageType.Heartbeat, { Content: 'PONG' }));
  }
};
