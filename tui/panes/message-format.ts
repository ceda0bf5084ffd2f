/**
 * How one chat line looks: time, marker, speaker and text as styled
 * segments, with everything from the network made inert first.
 */
import type { ChatLine } from '../state/chat-types.ts';
import { sanitize } from '../text/sanitize.ts';
import type { Theme } from '../theme.ts';
import type { Segment } from '../text/wrap.ts';

/** Cells before a message's text starts: "12:34 › ". */
export const TEXT_INDENT = 8;

/** "12:34" in local time. */
export function formatClock(time: number): string {
  const date = new Date(time);
  const pad = (value: number) => String(value).padStart(2, '0');
  return `${pad(date.getHours())}:${pad(date.getMinutes())}`;
}

/** "Tuesday 3 December 2024", for day separators. */
export function formatDay(time: number): string {
  return new Date(time).toLocaleDateString('en-GB', {
    weekday: 'long',
    day: 'numeric',
    month: 'long',
    year: 'numeric',
  });
}

/** The local calendar day of a time, for comparing two lines. */
export function dayKey(time: number): string {
  const date = new Date(time);
  return `${date.getFullYear()}-${date.getMonth()}-${date.getDate()}`;
}

function marker(line: ChatLine): string {
  if (line.kind === 'error') return '!';
  if (line.kind === 'join' || line.kind === 'leave' || line.kind === 'notice') {
    return '-';
  }
  if (line.isOwn) return '›';
  if (line.isMention) return '@';
  return ' ';
}

function body(line: ChatLine, theme: Theme): Segment[] {
  const text = sanitize(line.text, true);
  const sender = sanitize(line.sender);
  const textStyle = line.isMention
    ? theme.mention
    : line.isOwn
      ? theme.ownText
      : theme.text;
  const nameStyle = line.isOwn ? theme.ownName : theme.name(line.sender);

  switch (line.kind) {
    case 'chat':
      return [
        { text: sender, style: nameStyle },
        { text: ': ', style: theme.text },
        { text, style: textStyle },
      ];
    case 'action':
      return [
        { text: '* ', style: textStyle },
        { text: sender, style: nameStyle },
        { text: ` ${text}`, style: textStyle },
      ];
    case 'private': {
      const receiver = sanitize(line.receiver ?? '');
      const label = line.isOwn ? `to ${receiver}` : `from ${sender}`;
      return [
        { text: `[private ${label}] `, style: theme.private },
        { text, style: line.isOwn ? theme.ownText : theme.private },
      ];
    }
    case 'error':
      return [{ text, style: theme.error }];
    default:
      return [{ text, style: theme.system }];
  }
}

/** The segments of one line of the messages pane. */
export function formatLine(line: ChatLine, theme: Theme): Segment[] {
  return [
    { text: `${formatClock(line.time)} `, style: theme.time },
    {
      text: `${marker(line)} `,
      style: line.isMention ? theme.mention : theme.time,
    },
    ...body(line, theme),
  ];
}

/** A full-width rule with a label in the middle, for separators. */
export function ruleText(
  label: string,
  width: number,
  labelCells: number,
): string {
  const side = Math.max(0, width - labelCells - 2);
  const left = Math.floor(side / 2);
  return `${'─'.repeat(left)} ${label} ${'─'.repeat(side - left)}`;
}
