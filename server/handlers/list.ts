/** Type 5, list: who is online, as a sentence and as a list. */
import { message, MessageType } from '../../shared/protocol.ts';
import type { Handler } from '../dispatcher.ts';

/** Replies with everyone online, sorted by name. */
export const handleList: Handler = ({ hub, session }) => {
  const users = hub.onlineNames();
  session.send(
    message(MessageType.List, {
      Content: `Online (${users.length}): ${users.join(', ')}`,
      Users: users,
    }),
  );
};
