/**
 * Carries out one parsed command: sends the frame it stands for, or opens
 * help, or quits. Nothing is sent for an invalid line.
 */
import type { Command } from '../../shared/commands.ts';
import { MessageType } from '../../shared/protocol.ts';
import type { ChatSession } from '../net/chat-session.ts';
import type { ChatStore } from '../state/chat-store.ts';

/** What a command needs from the screen around it. */
export interface CommandContext {
  session: Pick<ChatSession, 'send'>;
  store: Pick<ChatStore, 'expectReply'>;
  quit: () => void;
  openHelp: () => void;
}

/** The outcome: whether the line is done with, or why it was kept. */
export type CommandResult = { ok: true } | { ok: false; error: string };

/** The error for a line typed while offline; it is cleared on reconnect. */
export const NOT_CONNECTED =
  'Not connected, so nothing was sent; the line is kept.';

const OFFLINE: CommandResult = { ok: false, error: NOT_CONNECTED };

/** Runs `command`. */
export function runCommand(
  command: Command,
  context: CommandContext,
): CommandResult {
  const { session, store } = context;
  const sent = (isSent: boolean): CommandResult =>
    isSent ? { ok: true } : OFFLINE;

  switch (command.kind) {
    case 'invalid':
      return { ok: false, error: command.error };
    case 'chat':
      return sent(session.send(MessageType.Chat, { Content: command.text }));
    case 'action':
      return sent(
        session.send(MessageType.Chat, { Content: command.text, Action: true }),
      );
    case 'private':
      return sent(
        session.send(MessageType.Private, {
          Receiver: command.to,
          Content: command.text,
        }),
      );
    case 'list':
      if (!session.send(MessageType.List)) return OFFLINE;
      store.expectReply('list');
      return { ok: true };
    case 'rank':
      if (!session.send(MessageType.Rank)) return OFFLINE;
      store.expectReply('rank');
      return { ok: true };
    case 'help':
      context.openHelp();
      return { ok: true };
    case 'quit':
      context.quit();
      return { ok: true };
  }
}
