/**
 * History in Redis streams: one stream per room, plus one per user
 * holding the private messages they sent or received (a private message
 * is written to both people's streams).
 *
 * Why not one stream with everything: `recentFor` would have to scan past
 * other people's private messages to find 50 a user may see, unbounded
 * when others talk privately a lot. With a stream per reader, it is two
 * XREVRANGE ... COUNT n reads merged by id, and a stranger's private
 * message is never even read. Every stream is capped with MAXLEN ~ n.
 *
 * Entry ids are `0-<seq>` from one shared counter, written by a Lua
 * script, so the room and user streams merge into a single order.
 */
import type { Redis } from 'ioredis';
import { ChatError } from '../../shared/errors.ts';
import { canonicalName } from '../../shared/names.ts';
import type { RedisKeys } from './redis-keys.ts';
import { unavailable } from './store-errors.ts';
import type { HistoryStore, StoredMessage } from './types.ts';

const UNAVAILABLE = 'The history store is unavailable; try again later.';

// KEYS[1] = sequence counter, KEYS[2..] = streams to write.
// ARGV[1] = MAXLEN, ARGV[2..] = field/value pairs.
// If the counter was lost (eviction, manual delete) it is moved past the
// newest id of the target streams so XADD never sees a smaller id.
const APPEND_SCRIPT = `
local seq = redis.call('INCR', KEYS[1])
for i = 2, #KEYS do
  local top = redis.call('XREVRANGE', KEYS[i], '+', '-', 'COUNT', 1)[1]
  if top then
    local last = tonumber(string.match(top[1], '^0%-(%d+)$') or '0')
    if last >= seq then
      seq = last + 1
      redis.call('SET', KEYS[1], seq)
    end
  end
end
for i = 2, #KEYS do
  redis.call('XADD', KEYS[i], 'MAXLEN', '~', ARGV[1], '0-' .. seq,
    unpack(ARGV, 2))
end
return seq
`;

/** The script's command name on the client (see the constructor). */
const APPEND_COMMAND = 'termchatHistoryAppend';

type StreamEntry = [id: string, fields: string[]];

/** A client with the append script defined as a command. */
type ScriptedRedis = Redis &
  Record<
    typeof APPEND_COMMAND,
    (keyCount: number, ...args: string[]) => Promise<unknown>
  >;

/** A HistoryStore over Redis streams. */
export class RedisHistoryStore implements HistoryStore {
  private readonly scripted: ScriptedRedis;

  constructor(
    private readonly redis: Redis,
    private readonly keys: RedisKeys,
    private readonly maxLen: number,
  ) {
    // ioredis sends the script once per connection, then only its SHA
    // (EVALSHA), and sends it again by itself after a NOSCRIPT.
    redis.defineCommand(APPEND_COMMAND, { lua: APPEND_SCRIPT });
    this.scripted = redis as ScriptedRedis;
  }

  async append(entry: Omit<StoredMessage, 'id'>): Promise<string> {
    const streams =
      entry.receiver === ''
        ? [this.keys.roomHistory()]
        : [
            ...new Set([
              this.keys.userHistory(canonicalName(entry.sender)),
              this.keys.userHistory(canonicalName(entry.receiver)),
            ]),
          ];
    const fields = [
      'time',
      String(entry.time),
      'sender',
      entry.sender,
      'receiver',
      entry.receiver,
      'text',
      entry.text,
      'action',
      entry.action ? '1' : '0',
    ];
    const seq = await this.guard(() =>
      this.scripted[APPEND_COMMAND](
        1 + streams.length,
        this.keys.historySequence(),
        ...streams,
        String(this.maxLen),
        ...fields,
      ),
    );
    return String(seq);
  }

  async recentFor(canonical: string, limit: number): Promise<StoredMessage[]> {
    if (limit <= 0) return [];
    const [room, own] = await this.guard(() =>
      Promise.all([
        this.newest(this.keys.roomHistory(), limit),
        this.newest(this.keys.userHistory(canonical), limit),
      ]),
    );
    const bySeq = new Map<number, StoredMessage>();
    for (const entry of [...room, ...own]) {
      const message = toMessage(entry);
      bySeq.set(Number(message.id), message);
    }
    return [...bySeq.entries()]
      .sort(([a], [b]) => a - b)
      .slice(-limit)
      .map(([, message]) => message);
  }

  private async newest(key: string, count: number): Promise<StreamEntry[]> {
    return (await this.redis.xrevrange(
      key,
      '+',
      '-',
      'COUNT',
      count,
    )) as StreamEntry[];
  }

  private async guard<T>(work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } catch (error) {
      if (error instanceof ChatError) throw error;
      throw unavailable(UNAVAILABLE, error);
    }
  }
}

function toMessage([id, fields]: StreamEntry): StoredMessage {
  const field = new Map<string, string>();
  for (let i = 0; i + 1 < fields.length; i += 2) {
    field.set(fields[i] as string, fields[i + 1] as string);
  }
  return {
    id: id.replace(/^0-/, ''),
    time: Number(field.get('time') ?? 0),
    sender: field.get('sender') ?? '',
    receiver: field.get('receiver') ?? '',
    text: field.get('text') ?? '',
    action: field.get('action') === '1',
  };
}
