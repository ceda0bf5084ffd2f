/**
 * Turns chat lines into screen rows for one pane width, wrapping only the
 * lines that are looked at and caching them, so 10,000 lines cost no more
 * than the visible few.
 */
import type { ChatLine } from '../state/chat-types.ts';
import { cellWidth, truncateCells } from '../text/graphemes.ts';
import type { Theme } from '../theme.ts';
import { wrapSegments, type Row } from '../text/wrap.ts';
import {
  TEXT_INDENT,
  dayKey,
  formatDay,
  formatLine,
  ruleText,
} from './message-format.ts';

/** Rows of chat lines at one width and theme. */
export class MessageLayout {
  private cache = new WeakMap<ChatLine, Row[]>();

  constructor(
    readonly width: number,
    readonly theme: Theme,
  ) {}

  /**
   * The rows of lines[index], a day separator first when the day changes.
   * The "new since" line carries the time of the message after it, so a
   * new day's separator comes before that line, not after it.
   */
  rowsOf(lines: readonly ChatLine[], index: number): Row[] {
    const line = lines[index]!;
    let rows = this.cache.get(line);
    if (!rows) {
      rows = this.wrap(line);
      this.cache.set(line, rows);
    }
    const previous = lines[index - 1];
    if (previous && dayKey(previous.time) === dayKey(line.time)) return rows;
    return [this.rule(formatDay(line.time), this.theme.separator), ...rows];
  }

  /** A full-width labelled rule. */
  rule(label: string, style: Theme['separator']): Row {
    const text = truncateCells(label, Math.max(0, this.width - 4), '…');
    return [{ text: ruleText(text, this.width, cellWidth(text)), style }];
  }

  private wrap(line: ChatLine): Row[] {
    if (line.kind === 'unread')
      return [this.rule(line.text, this.theme.unread)];
    return wrapSegments(formatLine(line, this.theme), this.width, TEXT_INDENT);
  }
}
