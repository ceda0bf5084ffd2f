/**
 * The shapes the chat screen draws from: lines in the messages pane,
 * the online list and the ranking.
 */
import type { RankEntry } from '../../shared/protocol.ts';

/** What a line in the messages pane is. */
export type LineKind =
  | 'chat'
  | 'action'
  | 'private'
  | 'join'
  | 'leave'
  | 'notice'
  | 'error'
  | 'unread';

/** One entry of the messages pane; `seq` grows by one per line. */
export interface ChatLine {
  seq: number;
  kind: LineKind;
  /** Milliseconds since 1970; the local clock when the server sent none. */
  time: number;
  sender: string;
  /** For private messages: who it was sent to. */
  receiver?: string;
  text: string;
  id?: string;
  isOwn: boolean;
  isMention: boolean;
  isHistory: boolean;
}

/** The activity ranking and the user's own standing. */
export interface RankState {
  entries: RankEntry[];
  place?: number;
  score?: number;
  /** The last refresh was refused: these are older figures. */
  isStale?: boolean;
}

/** The newest message seen, remembered between runs. */
export interface SeenMark {
  id?: string;
  time: number;
}

/** Everything the chat screen shows that comes from the server. */
export interface ChatState {
  me: string;
  lines: readonly ChatLine[];
  /** `seq` of the last line; lines before `lastSeq - lines.length` are gone. */
  lastSeq: number;
  users: readonly string[];
  rank: RankState;
  /** The newest room or private message, for the last-seen state file. */
  newest: SeenMark | null;
}
