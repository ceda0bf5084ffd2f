/** Type 7, rank: the ten most active users and the asker's own place. */
import { message, MessageType } from '../../shared/protocol.ts';
import type { Handler } from '../dispatcher.ts';

/** How many users the ranking lists. */
export const RANK_SIZE = 10;

/** Replies with the top users by activity score. */
export const handleRank: Handler = async ({ hub, session }) => {
  const user = session.user!;
  const [top, own] = await Promise.all([
    hub.stores.activity.top(RANK_SIZE),
    hub.stores.activity.placeOf(user.name),
  ]);
  const lines = top.map(
    (entry, index) => `${index + 1}. ${entry.name} ${entry.score}`,
  );
  session.send(
    message(MessageType.Rank, {
      Content: lines.length > 0 ? lines.join('\n') : 'No scores yet.',
      Rank: top.map((entry) => ({ Name: entry.name, Score: entry.score })),
      ...(own ? { Place: own.place, Score: own.score } : {}),
    }),
  );
};
