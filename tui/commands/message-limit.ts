/**
 * The server's limit on a message's length, checked before sending so a
 * long paste is refused in place, still in the input box, instead of by
 * the server after the box was cleared.
 */
import type { Command } from '../../shared/commands.ts';
import { DEFAULT_MAX_MESSAGE_CHARS } from '../../shared/protocol.ts';

/** Characters as the server counts them: code points. */
export function countChars(text: string): number {
  let count = 0;
  for (const _ of text) count += 1;
  return count;
}

/** The text `command` sends to the room or to a person, if any. */
function sentText(command: Command): string | null {
  switch (command.kind) {
    case 'chat':
    case 'action':
    case 'private':
      return command.text;
    default:
      return null;
  }
}

/**
 * Why the server would refuse `command` as too long, or null.
 *
 * Note: the server does not announce its limit, so the shared default is
 * assumed; a server started with a larger MAX_MESSAGE_CHARS is held to it.
 */
export function lengthProblem(
  command: Command,
  maxChars = DEFAULT_MAX_MESSAGE_CHARS,
): string | null {
  const text = sentText(command);
  if (text === null) return null;
  const count = countChars(text);
  if (count <= maxChars) return null;
  return `That is ${count} characters; the room takes at most ${maxChars}. Split it up.`;
}
