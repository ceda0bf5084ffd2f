/**
 * Holds what the chat screen shows and turns server frames into it. Each
 * change makes a new snapshot, for React's useSyncExternalStore. It also
 * remembers the lines sent, to name (and hand back) one that is refused.
 */
import { canonicalName } from '../../shared/names.ts';
import { MessageType, type Message } from '../../shared/protocol.ts';
import type { ChatLine, ChatState, LineKind, SeenMark } from './chat-types.ts';
import { mentions } from './mention.ts';
import { RANK_REFRESH_REF } from './rank-refresh.ts';
import {
  notStoredText,
  refusedText,
  UNANSWERED_REASON,
  unansweredText,
} from './refusal-line.ts';
import { SentLines, type SentLine } from './sent-lines.ts';

/** How many lines the messages pane keeps; older ones are dropped. */
export const MAX_LINES = 10_000;
const MAX_SEEN_IDS = 20_000;

type NewLine = Omit<ChatLine, 'seq' | 'isMention' | 'isHistory'> &
  Partial<Pick<ChatLine, 'isMention' | 'isHistory'>>;

/** What a frame did, for side effects such as the bell. */
export interface Received {
  isMention: boolean;
  /** Someone earned points (a message, or a join's login), so ranks moved. */
  isActivity: boolean;
}

/**
 * Offers a refused line back to the input box, with a notice to show
 * under it ("Not sent: …"); true when the box took it (it was empty),
 * false when the user had typed something else there.
 */
export type LineReturn = (line: string, notice: string) => boolean;

/**
 * The Refs of the list and rank requests the user makes, so that a
 * refusal of one ends the wait for its reply; otherwise the next reply,
 * asked for by the client itself, would be shown as the answer.
 */
export const ASKED_REFS = { list: 'list-asked', rank: 'rank-asked' } as const;

/** What a frame that shows nothing new did. */
const NOTHING: Received = { isMention: false, isActivity: false };

/** The chat screen's state container. */
export class ChatStore {
  private state: ChatState = {
    me: '',
    lines: [],
    lastSeq: 0,
    users: [],
    rank: { entries: [] },
    newest: null,
  };
  private listeners = new Set<() => void>();
  private seenIds = new Set<string>();
  private listRequests = 0;
  private rankRequests = 0;
  private lastSeen: SeenMark | null;
  private hasUnreadMarker = false;
  private isNotifying = false;
  private readonly sent = new SentLines();
  private lineReturn: LineReturn | null = null;

  constructor(
    lastSeen: SeenMark | null = null,
    readonly maxLines = MAX_LINES,
  ) {
    this.lastSeen = lastSeen;
  }

  /** The current snapshot. */
  getState = (): ChatState => this.state;

  /** Registers a change listener; returns the unsubscribe function. */
  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  /** Sets where the "new since you were last here" line goes. */
  setLastSeen(mark: SeenMark | null): void {
    this.lastSeen = mark;
  }

  /** Records who we are after a login OK. */
  loggedIn(name: string): void {
    this.update({ me: name });
  }

  /**
   * Empties the online list while the link is down: who is online is not
   * known then, and the list asked for after the next login refills it.
   */
  clearUsers(): void {
    if (this.state.users.length > 0) this.update({ users: [] });
  }

  /** Notes that the user asked for the list or ranking, to show the reply. */
  expectReply(kind: 'list' | 'rank'): void {
    if (kind === 'list') this.listRequests += 1;
    else this.rankRequests += 1;
  }

  /**
   * Remembers a chat or private line about to be sent, so an answer that
   * refuses it can name it; returns the Ref to send it under.
   */
  rememberSent(sent: SentLine): string {
    return this.sent.remember(sent);
  }

  /** Forgets a line remembered for sending that could not be sent. */
  forgetSent(ref: string): void {
    this.sent.forget(ref);
  }

  /**
   * Sets where refused lines go back to (the chat screen's input box);
   * returns a function that unsets it. Without one, none goes back.
   */
  returnLinesTo(lineReturn: LineReturn): () => void {
    this.lineReturn = lineReturn;
    return () => {
      if (this.lineReturn === lineReturn) this.lineReturn = null;
    };
  }

  /** Adds a line made on this side (notices about the connection). */
  addNotice(kind: 'notice' | 'error', text: string): void {
    this.append([{ kind, time: Date.now(), sender: '', text, isOwn: false }]);
  }

  /** Applies one server frame. */
  receive(frame: Message): Received {
    if (frame.Id !== undefined) {
      if (this.seenIds.has(frame.Id)) return NOTHING;
      this.rememberId(frame.Id);
    }
    switch (frame.Type) {
      case MessageType.Chat:
        return this.receiveChat(frame);
      case MessageType.Private:
        return this.receivePrivate(frame);
      case MessageType.List:
        this.receiveList(frame);
        return NOTHING;
      case MessageType.Rank:
        this.receiveRank(frame);
        return NOTHING;
      default:
        return NOTHING;
    }
  }

  private receiveChat(frame: Message): Received {
    const time = frame.Time ?? Date.now();
    const base = { time, sender: frame.Sender, isOwn: false };
    const event = frame.Event ?? 'message';
    if (event === 'join' || event === 'leave') {
      this.updateUsers(frame.Sender, event === 'join');
      this.append([{ ...base, kind: event, text: frame.Content }]);
      return { isMention: false, isActivity: event === 'join' };
    }
    if (event === 'error') return this.receiveError(frame, base);
    if (event === 'notice') {
      this.append([{ ...base, kind: 'notice', text: frame.Content }]);
      return NOTHING;
    }

    const text = frame.Text ?? stripSpeaker(frame.Content, frame.Sender);
    // Ours refuses empty messages: only a broken server sends one, and it
    // is not drawn as a speaker with nothing after the colon.
    if (text.trim() === '') return NOTHING;
    const isOwn = this.isMe(frame.Sender);
    if (isOwn && !frame.History) this.sent.delivered();
    const isMention = !isOwn && mentions(text, this.state.me);
    const kind: LineKind = frame.Action ? 'action' : 'chat';
    this.appendMessage(frame, { ...base, kind, text, isOwn, isMention });
    return { isMention: isMention && !frame.History, isActivity: true };
  }

  /**
   * A refusal, told apart by its Ref: of the client's own ranking refresh
   * (the pane says it is out of date instead), of a list or rank the user
   * asked for (the wait for its reply ends), or of a line sent.
   */
  private receiveError(
    frame: Message,
    base: Pick<ChatLine, 'time' | 'sender' | 'isOwn'>,
  ): Received {
    switch (frame.Ref) {
      case RANK_REFRESH_REF:
        if (!this.state.rank.isStale) {
          this.update({ rank: { ...this.state.rank, isStale: true } });
        }
        return NOTHING;
      case ASKED_REFS.list:
        this.listRequests = Math.max(0, this.listRequests - 1);
        break;
      case ASKED_REFS.rank:
        this.rankRequests = Math.max(0, this.rankRequests - 1);
        break;
    }
    const sent =
      frame.Ref === undefined ? undefined : this.sent.take(frame.Ref);
    const text = sent ? this.answer(frame, sent) : frame.Content;
    this.append([{ ...base, kind: 'error', text }]);
    return NOTHING;
  }

  // A refused line goes back to an empty input box; one the user has
  // typed over stays in the input history. A NOT_STORED line reached
  // everyone, so it does not go back at all.
  private answer(frame: Message, sent: SentLine): string {
    if (frame.Code === 'NOT_STORED') return notStoredText(sent);
    const notice = `Not sent: ${frame.Content}`;
    const isBack = this.lineReturn?.(sent.line, notice) ?? false;
    return refusedText(sent, frame, isBack ? 'input' : 'history');
  }

  /**
   * The link dropped: each line the server had not answered yet is named
   * as maybe not sent, and the first goes back to an empty input box.
   */
  linkLost(): void {
    const notice = `Maybe not sent: ${UNANSWERED_REASON}`;
    for (const sent of this.sent.takeUnanswered()) {
      const isBack = this.lineReturn?.(sent.line, notice) ?? false;
      const text = unansweredText(sent, isBack ? 'input' : 'history');
      this.addNotice('error', text);
    }
  }

  private receivePrivate(frame: Message): Received {
    const isOwn = this.isMe(frame.Sender);
    const text = frame.Text ?? frame.Content;
    if (text.trim() === '') return NOTHING;
    if (isOwn && !frame.History) this.sent.delivered();
    this.appendMessage(frame, {
      kind: 'private',
      time: frame.Time ?? Date.now(),
      sender: frame.Sender,
      receiver: frame.Receiver,
      text,
      isOwn,
      isMention: !isOwn,
    });
    return { isMention: !isOwn && !frame.History, isActivity: true };
  }

  private receiveList(frame: Message): void {
    const users = frame.Users ?? parseOnline(frame.Content);
    this.update({ users: [...users].sort(compareNames) });
    if (this.listRequests > 0) {
      this.listRequests -= 1;
      this.addNotice('notice', frame.Content);
    }
  }

  private receiveRank(frame: Message): void {
    this.update({
      rank: {
        entries: frame.Rank ?? [],
        place: frame.Place,
        score: frame.Score,
      },
    });
    if (this.rankRequests > 0) {
      this.rankRequests -= 1;
      this.addNotice('notice', frame.Content || 'No activity yet.');
    }
  }

  private appendMessage(frame: Message, line: NewLine): void {
    const lines: NewLine[] = [];
    const isHistory = frame.History === true;
    if (isHistory && this.isFirstUnread(frame, line.time)) {
      this.hasUnreadMarker = true;
      lines.push({
        kind: 'unread',
        time: line.time,
        sender: '',
        text: 'new since you were last here',
        isOwn: false,
      });
    }
    lines.push({ ...line, id: frame.Id, isHistory });
    const newest = this.state.newest;
    const isNewer = !newest || line.time >= newest.time;
    this.append(lines, isNewer ? { id: frame.Id, time: line.time } : newest);
  }

  private isFirstUnread(frame: Message, time: number): boolean {
    const seen = this.lastSeen;
    if (!seen || this.hasUnreadMarker) return false;
    return time > seen.time && frame.Id !== seen.id;
  }

  private append(newLines: NewLine[], newest = this.state.newest): void {
    let seq = this.state.lastSeq;
    const added = newLines.map((line) => ({
      isMention: false,
      isHistory: false,
      ...line,
      seq: ++seq,
    }));
    // One copy per message, a second only once the cap is reached.
    const all = this.state.lines.concat(added);
    const lines = all.length > this.maxLines ? all.slice(-this.maxLines) : all;
    this.update({ lines, lastSeq: seq, newest });
  }

  private updateUsers(name: string, isOnline: boolean): void {
    const key = canonicalName(name);
    const others = this.state.users.filter(
      (user) => canonicalName(user) !== key,
    );
    const users = isOnline ? [...others, name].sort(compareNames) : others;
    this.update({ users });
  }

  private rememberId(id: string): void {
    this.seenIds.add(id);
    if (this.seenIds.size > MAX_SEEN_IDS) {
      const oldest = this.seenIds.values().next().value;
      if (oldest !== undefined) this.seenIds.delete(oldest);
    }
  }

  private isMe(name: string): boolean {
    return canonicalName(name) === canonicalName(this.state.me);
  }

  // Listeners hear once per burst: the frames of one network read (often
  // hundreds in a busy room) make one render, not one each.
  private update(patch: Partial<ChatState>): void {
    this.state = { ...this.state, ...patch };
    if (this.isNotifying) return;
    this.isNotifying = true;
    queueMicrotask(() => {
      this.isNotifying = false;
      for (const listener of this.listeners) listener();
    });
  }
}

function compareNames(a: string, b: string): number {
  return a.localeCompare(b, undefined, { sensitivity: 'base' });
}

/** "alice: hi" from an original server, without a Text field. */
function stripSpeaker(content: string, sender: string): string {
  const prefix = `${sender}: `;
  return content.startsWith(prefix) ? content.slice(prefix.length) : content;
}

/** Reads "Online (2): alice, bob" when a server sends no Users field. */
function parseOnline(content: string): string[] {
  const colon = content.indexOf(':');
  if (colon < 0) return [];
  return content
    .slice(colon + 1)
    .split(',')
    .map((name) => name.trim())
    .filter((name) => name !== '');
}
