/**
 * The chat and private lines this client sent, by the `Ref` their frames
 * carried, so that a refusal (or a NOT_STORED) can name the line it is
 * about and hand it back to the input box. Lines not answered yet are
 * kept in order too: the server answers a session's lines in the order
 * sent, each with its copy to the sender or a refusal, so the next copy
 * of one's own message answers the oldest. Lines still unanswered when
 * the link drops may never have arrived.
 */

/** One line as it was sent. */
export interface SentLine {
  /** The input line as typed ("/msg bob hi"), to put back in the box. */
  line: string;
  /** The message text alone, for naming the line. */
  text: string;
  /** The receiver, for a private message. */
  to?: string;
}

/**
 * How many sent lines are remembered.
 *
 * Note: the server answers a line that went through with nothing tagged,
 * so those lines stay until newer ones push them out; a refusal comes
 * within moments, long before 200 more lines are sent.
 */
export const MAX_SENT_LINES = 200;

/** Sent lines by Ref, oldest first; see the module comment. */
export class SentLines {
  private readonly lines = new Map<string, SentLine>();
  /** Refs of the lines not answered yet, oldest first. */
  private unanswered: string[] = [];
  private count = 0;

  constructor(readonly maxLines = MAX_SENT_LINES) {}

  /** How many lines are remembered now. */
  get size(): number {
    return this.lines.size;
  }

  /** Remembers a line about to be sent; returns the Ref to send it under. */
  remember(sent: SentLine): string {
    this.count += 1;
    const ref = this.count.toString(36);
    this.lines.set(ref, sent);
    this.unanswered.push(ref);
    if (this.lines.size > this.maxLines) {
      const oldest = this.lines.keys().next().value;
      if (oldest !== undefined) this.lines.delete(oldest);
    }
    if (this.unanswered.length > this.maxLines) this.unanswered.shift();
    return ref;
  }

  /** Forgets a line that could not be sent after all. */
  forget(ref: string): void {
    this.lines.delete(ref);
    this.settle(ref);
  }

  /** The line sent under `ref`, if remembered; it is forgotten as taken. */
  take(ref: string): SentLine | undefined {
    const sent = this.lines.get(ref);
    this.lines.delete(ref);
    this.settle(ref);
    return sent;
  }

  /** The copy of one's own message came: the oldest line went through. */
  delivered(): void {
    this.unanswered.shift();
  }

  /** The lines never answered, oldest first; they are forgotten. */
  takeUnanswered(): SentLine[] {
    const refs = this.unanswered;
    this.unanswered = [];
    return refs.flatMap((ref) => {
      const sent = this.lines.get(ref);
      this.lines.delete(ref);
      return sent ? [sent] : [];
    });
  }

  private settle(ref: string): void {
    const at = this.unanswered.indexOf(ref);
    if (at >= 0) this.unanswered.splice(at, 1);
  }
}
