/**
 * Carries out one parsed command: sends the frame it stands for, or opens
 * help, or quits. Nothing is sent for an invalid line.
 */
import type { Command } from '../../shared/commands.ts';
import { MessageType, type Message } from '../../shared/protocol.ts';
import type { ChatSession } from '../net/chat-session.ts';
import { ASKED_REFS, type ChatStore } from '../state/chat-store.ts';
import type { SentLine } from '../state/sent-lines.ts';

/** What a command needs from the screen around it. */
export interface CommandContext {
  session: Pick<ChatSession, 'send'>;
  store: Pick<ChatStore, 'expectReply' | 'rememberSent' | 'forgetSent'>;
  quit: () => void;
  openHelp: () => void;
}

/** The outcome: whether the line is done with, or why it was kept. */
export type CommandResult = { ok: true } | { ok: false; error: string };

/** The error for a line typed while offline; it is cleared on reconnect. */
export const NOT_CONNECTED =
  'Not connected, so nothing was sent; the line is kept.';

const OFFLINE: CommandResult = { ok: false, error: NOT_CONNECTED };

/**
 * Runs `command`, parsed from `typed`. A chat or private frame carries a
 * Ref under which the store remembers the line, so that a refusal of it
 * can name it and give `typed` back.
 */
export function runCommand(
  command: Command,
  context: CommandContext,
  typed: string,
): CommandResult {
  const { session, store } = context;
  const sendLine = (
    type: MessageType,
    fields: Partial<Message>,
    sent: Omit<SentLine, 'line'>,
  ): CommandResult => {
    const ref = store.rememberSent({ line: typed, ...sent });
    if (session.send(type, { ...fields, Ref: ref })) return { ok: true };
    store.forgetSent(ref);
    return OFFLINE;
  };

  switch (command.kind) {
    case 'invalid':
      return { ok: false, error: command.error };
    case 'chat':
      return sendLine(
        MessageType.Chat,
        { Content: command.text },
        { text: command.text },
      );
    case 'action':
      return sendLine(
        MessageType.Chat,
        { Content: command.text, Action: true },
        { text: command.text },
      );
    case 'private':
      return sendLine(
        MessageType.Private,
        { Receiver: command.to, Content: command.text },
        { text: command.text, to: command.to },
      );
    case 'list':
      if (!session.send(MessageType.List, { Ref: ASKED_REFS.list })) {
        return OFFLINE;
      }
      store.expectReply('list');
      return { ok: true };
    case 'rank':
      if (!session.send(MessageType.Rank, { Ref: ASKED_REFS.rank })) {
        return OFFLINE;
      }
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
