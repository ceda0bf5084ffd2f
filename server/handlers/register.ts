/**
 * Type 1, register: creates an account. As in the original room it does
 * not log in; the client sends a login next.
 */
import { ChatError } from '../../shared/errors.ts';
import {
  message,
  MessageType,
  OK,
  PROTOCOL_VERSION,
} from '../../shared/protocol.ts';
import { nameProblem } from '../../shared/names.ts';
import type { Handler } from '../dispatcher.ts';
import { addressKey } from '../limits/client-address.ts';
import { refusalFrame } from '../frames.ts';

/** Creates an account; a refusal leaves the connection open. */
export const handleRegister: Handler = async ({
  hub,
  session,
  message: msg,
}) => {
  try {
    const problem = nameProblem(msg.Sender);
    if (problem) throw new ChatError(problem);
    const user = await hub.limits.throttle.register(
      addressKey(session.remoteAddress),
      () => hub.stores.users.register(msg.Sender, msg.Content),
    );
    session.log.info({ name: user.name }, 'registered');
    session.send(
      message(MessageType.Register, {
        Sender: user.name,
        Content: OK,
        Version: PROTOCOL_VERSION,
      }),
    );
  } catch (error) {
    if (!(error instanceof ChatError)) throw error;
    session.log.info({ code: error.code }, 'register refused');
    session.send(refusalFrame(error.code, error.message));
  }
};
