/**
 * Type 0, login: checks the password, adds the login points, takes over
 * a session already online under the name, replies OK, then replays
 * history (or says it cannot).
 */
import { ChatError } from '../../shared/errors.ts';
import {
  message,
  MessageType,
  OK,
  PROTOCOL_VERSION,
} from '../../shared/protocol.ts';
import type { Handler } from '../dispatcher.ts';
import { addressKey } from '../limits/client-address.ts';
import { chatFrame, eventFrame, refusalFrame } from '../frames.ts';
import { addScore, POINTS } from '../record.ts';
import type { StoredMessage, User } from '../store/types.ts';

/** Logs a connection in; a refusal leaves it open to try again. */
export const handleLogin: Handler = async ({ hub, session, message: msg }) => {
  let user: User;
  try {
    user = await hub.limits.throttle.login(
      addressKey(session.remoteAddress),
      msg.Sender,
      () => hub.stores.users.authenticate(msg.Sender, msg.Content),
    );
  } catch (error) {
    if (!(error instanceof ChatError)) throw error;
    session.log.info({ code: error.code }, 'login refused');
    session.send(refusalFrame(error.code, error.message));
    return;
  }
  if (!session.isOpen) return;

  // The points land before the join is announced, so a ranking asked for
  // on seeing the join already counts them.
  await addScore(hub, session, POINTS.login, user.name);
  if (!session.isOpen) return;

  // Live frames wait until the history is out, so the client sees one
  // ordered timeline with nothing twice.
  session.holdDelivery();
  hub.signIn(session, user, msg.Version ?? 0);
  session.send(
    message(MessageType.Register, {
      Sender: user.name,
      Content: OK,
      Version: PROTOCOL_VERSION,
    }),
  );
  session.log.info({ version: session.version }, 'logged in');

  const history = await loadHistory(hub, session, user);
  for (const entry of history) session.send(chatFrame(entry, true));
  session.releaseDelivery(new Set(history.map((entry) => entry.id)));
};

async function loadHistory(
  hub: Parameters<Handler>[0]['hub'],
  session: Parameters<Handler>[0]['session'],
  user: User,
): Promise<StoredMessage[]> {
  const limit = hub.config.historyReplay;
  if (limit === 0) return [];
  try {
    return await hub.stores.history.recentFor(user.canonical, limit);
  } catch (error) {
    session.log.error({ err: error }, 'history replay failed');
    // An empty replay would pass for a quiet room: the user is told why.
    session.send(eventFrame('HISTORY_UNAVAILABLE', 'notice'));
    return [];
  }
}
