/**
 * What the hub needs from storage. Each store has a SQL implementation
 * (SQLite for the zero-setup default) and, for history and activity, a
 * Redis one; one contract test suite runs against both.
 */

/** An account, as the hub sees it: never the password hash. */
export interface User {
  id: number;
  /** The name as the user first registered it, for display. */
  name: string;
  /** The canonical form (NFKC, case-folded) that makes names unique. */
  canonical: string;
}

export interface UserStore {
  /**
   * Creates an account. Rejects with ChatError NAME_TAKEN when the
   * canonical name exists, NAME_CONFUSABLE when a name that looks the
   * same exists (same skeleton; the unique indexes decide races), NAME_*
   * for a bad name, STORE_UNAVAILABLE when the database cannot be reached.
   */
  register(name: string, password: string): Promise<User>;
  /**
   * Checks a password. Rejects with UNKNOWN_USER or WRONG_PASSWORD, or
   * STORE_UNAVAILABLE when the database cannot be reached.
   */
  authenticate(name: string, password: string): Promise<User>;
  /** Looks an account up by any spelling of its name. */
  find(name: string): Promise<User | null>;
}

/** A room or private message as kept in history. */
export interface StoredMessage {
  /** Assigned by the store on append. */
  id: string;
  /** Milliseconds since 1970, set by the server. */
  time: number;
  /** Display name of the sender. */
  sender: string;
  /** Display name of the receiver; empty for a room message. */
  receiver: string;
  text: string;
  action: boolean;
}

export interface HistoryStore {
  /**
   * Appends a message and returns its id. Rejects when the store is
   * unavailable; the caller then tells the sender it was not stored.
   */
  append(entry: Omit<StoredMessage, 'id'>): Promise<string>;
  /**
   * The last `limit` messages `canonical` may see, oldest first: room
   * messages and private ones they sent or received, never others'.
   */
  recentFor(canonical: string, limit: number): Promise<StoredMessage[]>;
}

export interface ActivityEntry {
  name: string;
  score: number;
}

/**
 * Activity scores. Every method rejects with SCORES_UNAVAILABLE while its
 * store cannot be reached, so a refused ranking names the scores, not the
 * accounts.
 */
export interface ActivityStore {
  /** Adds points to a user's score (keyed by display name). */
  add(name: string, points: number): Promise<void>;
  /** The top `limit` users by score, highest first. */
  top(limit: number): Promise<ActivityEntry[]>;
  /** A user's 1-based place and score, or null with no score yet. */
  placeOf(name: string): Promise<{ place: number; score: number } | null>;
}

/** Everything the server stores, opened together and closed together. */
export interface Stores {
  users: UserStore;
  history: HistoryStore;
  activity: ActivityStore;
  /** Describes where data lives, for the startup log line. */
  describe(): string;
  close(): Promise<void>;
}
