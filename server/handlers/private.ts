/**
 * Type 4, a private message: stored, sent to the target only, and echoed
 * to senders that announced protocol version 1 (original clients never
 * saw an echo and would print the line twice).
 */
import { ChatError } from '../../shared/errors.ts';
import { canonicalName } from '../../shared/names.ts';
import type { Handler } from '../dispatcher.ts';
import { chatFrame } from '../frames.ts';
import { acceptText } from '../message-text.ts';
import { addScore, POINTS, recordMessage } from '../record.ts';

const NO_SUCH_USER = 'No one here has that name; check the spelling.';

/** Delivers one private message to an online user. */
export const handlePrivate: Handler = async ({ hub, session, message }) => {
  const user = session.user!;
  const to = message.Receiver.trim();
  if (canonicalName(to) === user.canonical) throw new ChatError('SELF_MESSAGE');
  const text = acceptText(message.Content, hub.config.maxMessageChars);
  await hub.limits.flood.spend(user.canonical);

  const target = hub.findOnline(to)?.user;
  if (!target) {
    const known = to !== '' && (await hub.stores.users.find(to));
    if (known) throw new ChatError('USER_OFFLINE');
    throw new ChatError('UNKNOWN_USER', NO_SUCH_USER);
  }

  const entry = {
    time: Date.now(),
    sender: user.name,
    receiver: target.name,
    text,
    action: false,
  };
  // Both writes go out at once; the frame waits for both, so a ranking
  // asked for on seeing it already counts the point.
  const stored = recordMessage(hub, session, entry);
  const scored = addScore(hub, session, POINTS.message);
  const [id] = await Promise.all([stored, scored]);
  const frame = chatFrame({ ...entry, id: id ?? '' });
  const canonicals =
    session.version >= 1
      ? [target.canonical, user.canonical]
      : [target.canonical];
  hub.publish({ kind: 'users', canonicals }, frame);
  if (id === null) session.sendError('NOT_STORED', { ref: message.Ref });
};
