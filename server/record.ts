/**
 * Writes that follow a user's action: history appends and activity
 * points. A failed write is logged and reported, never thrown, because
 * the message itself has already been accepted.
 */
import type { Hub } from './hub.ts';
import type { Session } from './session.ts';
import type { StoredMessage } from './store/types.ts';

/** Points for each message sent and for each login. */
export const POINTS = { message: 1, login: 2 } as const;

/**
 * Appends a message to history and returns its id, or null when the
 * store refused it (the caller then tells the sender NOT_STORED).
 */
export async function recordMessage(
  hub: Hub,
  session: Session,
  entry: Omit<StoredMessage, 'id'>,
): Promise<string | null> {
  try {
    return await hub.stores.history.append(entry);
  } catch (error) {
    session.log.error({ err: error }, 'history append failed');
    return null;
  }
}

/** Adds activity points to `name`, by default the session's user. */
export async function addScore(
  hub: Hub,
  session: Session,
  points: number,
  name = session.user?.name,
): Promise<void> {
  if (name === undefined) return;
  try {
    await hub.stores.activity.add(name, points);
  } catch (error) {
    session.log.error({ err: error, points }, 'activity update failed');
  }
}
