/**
 * Type 3, a room message (or an `/me` action): stored, then sent to
 * everyone online including the sender, whose copy is the confirmation.
 */
import type { Handler } from '../dispatcher.ts';
import { chatFrame } from '../frames.ts';
import { acceptText } from '../message-text.ts';
import { addScore, POINTS, recordMessage } from '../record.ts';

/** Stores and fans out one room line. */
export const handleChat: Handler = async ({ hub, session, message }) => {
  const user = session.user!;
  const text = acceptText(message.Content, hub.config.maxMessageChars);
  await hub.limits.flood.spend(user.canonical);
  const entry = {
    time: Date.now(),
    sender: user.name,
    receiver: '',
    text,
    action: message.Action === true,
  };

  // Both writes go out at once; the frame waits for both, so a ranking
  // asked for on seeing it already counts the point.
  const stored = recordMessage(hub, session, entry);
  const scored = addScore(hub, session, POINTS.message);
  const [id] = await Promise.all([stored, scored]);
  hub.publish({ kind: 'room' }, chatFrame({ ...entry, id: id ?? '' }));
  if (id === null) session.sendError('NOT_STORED', { ref: message.Ref });
};
