/**
 * History in the SQL `messages` table, for servers without Redis. Room
 * messages have an empty receiver.
 *
 * Note: trimming keeps the newest `maxLen` room messages and the newest
 * `maxLen` private messages in total (not per user, as the Redis store
 * does): a private row belongs to two people, and a per-person cap would
 * need a row per reader. The SQL backend is meant for small servers.
 *
 * Trimming runs on the first append and then every tenth of `maxLen`
 * appends of a kind, not on every one: finding the cutoff reads `maxLen`
 * index entries, which would cost more than the insert itself. Like
 * Redis's MAXLEN ~, a table then holds up to 10% more than `maxLen`.
 */
import type { Knex } from 'knex';
import { canonicalName } from '../../shared/names.ts';
import { guardSql } from './sql-guard.ts';
import type { HistoryStore, StoredMessage } from './types.ts';

interface MessageRow {
  id: number | string;
  time: number | string;
  sender: string;
  receiver: string;
  text: string;
  action: number | boolean;
}

const COLUMNS = ['id', 'time', 'sender', 'receiver', 'text', 'action'];
const UNAVAILABLE = 'The history database is unavailable; try again later.';
/** Trim once per this fraction of `maxLen` appends of one kind. */
const TRIM_FRACTION = 10;

/** A HistoryStore over the `messages` table. */
export class SqlHistoryStore implements HistoryStore {
  private readonly trimEvery: number;
  /** Appends of each kind left before its next trim; 0 trims next. */
  private readonly untilTrim = { room: 0, private: 0 };

  constructor(
    private readonly knex: Knex,
    private readonly maxLen: number,
  ) {
    this.trimEvery = Math.max(1, Math.floor(maxLen / TRIM_FRACTION));
  }

  async append(entry: Omit<StoredMessage, 'id'>): Promise<string> {
    const isRoom = entry.receiver === '';
    return this.guard(async () => {
      const [id] = await this.knex('messages').insert({
        time: entry.time,
        sender: entry.sender,
        sender_canonical: canonicalName(entry.sender),
        receiver: entry.receiver,
        receiver_canonical: isRoom ? '' : canonicalName(entry.receiver),
        text: entry.text,
        action: entry.action,
      });
      if (this.isTrimDue(isRoom)) await this.trim(isRoom);
      return String(id);
    });
  }

  async recentFor(canonical: string, limit: number): Promise<StoredMessage[]> {
    if (limit <= 0) return [];
    const newest = async (
      where: Record<string, string>,
    ): Promise<MessageRow[]> =>
      this.knex('messages')
        .select(COLUMNS)
        .where(where)
        .orderBy('id', 'desc')
        .limit(limit);

    // Three index range scans instead of one OR that defeats the indexes.
    const batches = await this.guard(() =>
      Promise.all([
        newest({ receiver_canonical: '' }),
        newest({ sender_canonical: canonical }),
        newest({ receiver_canonical: canonical }),
      ]),
    );
    const byId = new Map<number, MessageRow>();
    for (const row of batches.flat()) byId.set(Number(row.id), row);
    return [...byId.entries()]
      .sort(([a], [b]) => a - b)
      .slice(-limit)
      .map(([, row]) => toMessage(row));
  }

  /** Counts an append of one kind; true when that kind is due a trim. */
  private isTrimDue(isRoom: boolean): boolean {
    const kind = isRoom ? 'room' : 'private';
    if (this.untilTrim[kind] > 0) {
      this.untilTrim[kind] -= 1;
      return false;
    }
    this.untilTrim[kind] = this.trimEvery - 1;
    return true;
  }

  /** Deletes what is older than the newest `maxLen` of one kind. */
  private async trim(isRoom: boolean): Promise<void> {
    const ofKind = (query: Knex.QueryBuilder) =>
      isRoom
        ? query.where('receiver_canonical', '')
        : query.whereNot('receiver_canonical', '');
    const cutoff = await ofKind(this.knex('messages').select('id'))
      .orderBy('id', 'desc')
      .offset(this.maxLen)
      .first();
    if (!cutoff) return;
    await ofKind(this.knex('messages')).where('id', '<=', cutoff.id).delete();
  }

  private guard<T>(work: () => Promise<T>): Promise<T> {
    return guardSql(UNAVAILABLE, work);
  }
}

function toMessage(row: MessageRow): StoredMessage {
  return {
    id: String(row.id),
    time: Number(row.time),
    sender: row.sender,
    receiver: row.receiver,
    text: row.text,
    action: Boolean(row.action),
  };
}
