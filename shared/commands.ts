/**
 * Parses what a user types in the input box into a command. The original
 * forms (`To:name-->text`, `list`, `rank`, `quit`) sit beside slash forms;
 * `/say` sends any of those words, or a slash command, as plain text.
 */

export type Command =
  | { kind: 'chat'; text: string }
  | { kind: 'action'; text: string }
  | { kind: 'private'; to: string; text: string }
  | { kind: 'list' }
  | { kind: 'rank' }
  | { kind: 'quit' }
  | { kind: 'help' }
  | { kind: 'invalid'; error: string };

/** Every command a user can type, for help screens and completion. */
export const COMMAND_HELP: ReadonlyArray<{ usage: string; summary: string }> = [
  { usage: 'text', summary: 'send text to the room' },
  { usage: 'To:name-->text', summary: 'private message to name' },
  { usage: '/msg name text', summary: 'private message to name' },
  { usage: '/me action', summary: 'describe what you are doing' },
  { usage: 'list, /list', summary: 'show who is online' },
  { usage: 'rank, /rank', summary: 'show the activity ranking' },
  { usage: 'help, /help', summary: 'show commands and keys' },
  { usage: 'quit, /quit', summary: 'leave the chat' },
  { usage: '/say text', summary: 'send text as typed, even help or /me' },
  { usage: '//text', summary: 'send text that starts with a slash' },
];

/** Names Tab completion offers at the start of a line. */
export const COMMAND_NAMES = [
  '/msg',
  '/me',
  '/say',
  '/list',
  '/rank',
  '/help',
  '/quit',
  'To:',
  'list',
  'rank',
  'help',
  'quit',
] as const;

const PRIVATE_PREFIX = /^to[:：]/i;
const PRIVATE_SEPARATOR = '-->';

const BARE_WORDS: Record<string, Command> = {
  list: { kind: 'list' },
  rank: { kind: 'rank' },
  quit: { kind: 'quit' },
  help: { kind: 'help' },
};

/** Parses one line of input. Nothing is sent for an `invalid` command. */
export function parseCommand(input: string): Command {
  const line = input.trim();
  if (line === '') return { kind: 'invalid', error: 'Type a message first.' };

  const bare = BARE_WORDS[line.toLowerCase()];
  if (bare) return bare;

  if (PRIVATE_PREFIX.test(line)) return parsePrivate(line);
  if (line.startsWith('//')) return { kind: 'chat', text: line.slice(1) };
  if (line.startsWith('/')) return parseSlash(line);
  return { kind: 'chat', text: line };
}

function parsePrivate(line: string): Command {
  const rest = line.replace(PRIVATE_PREFIX, '');
  const split = rest.indexOf(PRIVATE_SEPARATOR);
  if (split < 0) {
    return {
      kind: 'invalid',
      error: 'Private messages look like To:name-->text.',
    };
  }
  return privateTo(
    rest.slice(0, split),
    rest.slice(split + PRIVATE_SEPARATOR.length),
  );
}

function parseSlash(line: string): Command {
  const match = /^\/(\S+)\s*([\s\S]*)$/.exec(line);
  const name = match?.[1]?.toLowerCase() ?? '';
  const args = match?.[2] ?? '';

  switch (name) {
    case 'msg':
    case 'query':
    case 'w': {
      const target = /^(\S+)\s+([\s\S]+)$/.exec(args);
      if (!target) {
        return { kind: 'invalid', error: 'Usage: /msg name text' };
      }
      return privateTo(target[1]!, target[2]!);
    }
    case 'me':
      return args.trim() === ''
        ? { kind: 'invalid', error: 'Usage: /me action' }
        : { kind: 'action', text: args.trim() };
    case 'say':
      return args === ''
        ? { kind: 'invalid', error: 'Usage: /say text' }
        : { kind: 'chat', text: args };
    case 'list':
    case 'who':
    case 'names':
      return { kind: 'list' };
    case 'rank':
    case 'top':
      return { kind: 'rank' };
    case 'quit':
    case 'exit':
      return { kind: 'quit' };
    case 'help':
    case '?':
      return { kind: 'help' };
    default:
      return {
        kind: 'invalid',
        error: `Unknown command /${name}; type /help for the list, or // to send a line starting with /.`,
      };
  }
}

function privateTo(rawName: string, rawText: string): Command {
  // No name starts with @, so `/msg @alice hi` can only mean alice.
  const to = rawName.trim().replace(/^@/, '');
  const text = rawText.trim();
  if (to === '') {
    return { kind: 'invalid', error: 'Name who the message is for.' };
  }
  if (text === '') {
    return { kind: 'invalid', error: `Write something to send to ${to}.` };
  }
  return { kind: 'private', to, text };
}
