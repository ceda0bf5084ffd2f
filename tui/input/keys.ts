/**
 * Names the key sequences a terminal sends. Ink splits its input into one
 * sequence per event; this turns each into a key the screens understand.
 */

/** A key the client reacts to, or `text` for anything typed or pasted. */
export type KeyName =
  | 'text'
  | 'enter'
  | 'tab'
  | 'backtab'
  | 'backspace'
  | 'delete'
  | 'left'
  | 'right'
  | 'up'
  | 'down'
  | 'home'
  | 'end'
  | 'pageup'
  | 'pagedown'
  | 'escape'
  | 'f1'
  | 'f2'
  | 'paste-start'
  | 'paste-end'
  | 'wordleft'
  | 'wordright'
  | 'unknown';

/** One parsed key press. `ctrl` carries a letter for Ctrl+letter. */
export interface Keypress {
  name: KeyName;
  /** The characters for `text`; newlines inside mean a paste. */
  text: string;
  ctrl: string | null;
}

const SEQUENCES: Record<string, KeyName> = {
  '\r': 'enter',
  '\n': 'enter',
  '\t': 'tab',
  '\x1b[Z': 'backtab',
  '\x7f': 'backspace',
  '\b': 'backspace',
  '\x1b\x7f': 'unknown',
  '\x1b[3~': 'delete',
  '\x1b[D': 'left',
  '\x1bOD': 'left',
  '\x1b[C': 'right',
  '\x1bOC': 'right',
  '\x1b[A': 'up',
  '\x1bOA': 'up',
  '\x1b[B': 'down',
  '\x1bOB': 'down',
  '\x1b[H': 'home',
  '\x1bOH': 'home',
  '\x1b[1~': 'home',
  '\x1b[7~': 'home',
  '\x1b[F': 'end',
  '\x1bOF': 'end',
  '\x1b[4~': 'end',
  '\x1b[8~': 'end',
  '\x1b[5~': 'pageup',
  '\x1b[6~': 'pagedown',
  '\x1b': 'escape',
  '\x1b\x1b': 'escape',
  '\x1bOP': 'f1',
  '\x1b[11~': 'f1',
  '\x1b[[A': 'f1',
  '\x1bOQ': 'f2',
  '\x1b[12~': 'f2',
  '\x1b[[B': 'f2',
  '\x1b[200~': 'paste-start',
  '\x1b[201~': 'paste-end',
  '\x1b[1;5D': 'wordleft',
  '\x1b[1;3D': 'wordleft',
  '\x1bb': 'wordleft',
  '\x1b[1;5C': 'wordright',
  '\x1b[1;3C': 'wordright',
  '\x1bf': 'wordright',
};

/** Parses one input event from Ink's input parser. */
export function parseKey(sequence: string): Keypress {
  const named = SEQUENCES[sequence];
  if (named) return { name: named, text: '', ctrl: null };

  if (sequence.length === 1) {
    const code = sequence.charCodeAt(0);
    if (code >= 1 && code <= 26) {
      return {
        name: 'unknown',
        text: '',
        ctrl: String.fromCharCode(code + 96),
      };
    }
    if (code < 0x20) return { name: 'unknown', text: '', ctrl: null };
  }
  if (sequence.startsWith('\x1b')) {
    return { name: 'unknown', text: '', ctrl: null };
  }
  return { name: 'text', text: sequence, ctrl: null };
}

// Matching control characters is the point of these two patterns.
// eslint-disable-next-line no-control-regex
const CONTROL_OR_RUN = /\r\n|[\x00-\x1f\x7f]|[^\x00-\x1f\x7f]+/g;
// eslint-disable-next-line no-control-regex
const PASTE_JUNK = /\x1b\[20[01]~|[\x00-\x08\x0b-\x1f\x7f]/g;

/**
 * Splits one input event into key presses, in order. Fast typing, a
 * password manager's auto-type or tmux send-keys can deliver several keys
 * in one chunk, such as "alice\tpw\x12\r": every control character in it
 * is a key of its own (CR LF counts as one Enter).
 *
 * Note: only a bracketed paste (use-keypress.ts) is taken as a paste. A
 * terminal without bracketed paste sends a pasted line break as Enter,
 * exactly as if it were typed, so guessing from the chunk would turn
 * typed keys into text.
 */
export function splitKeys(sequence: string): Keypress[] {
  if (sequence.length <= 1 || sequence.startsWith('\x1b')) {
    return [parseKey(sequence)];
  }
  return (sequence.match(CONTROL_OR_RUN) ?? []).map((part) =>
    parseKey(part === '\r\n' ? '\r' : part),
  );
}

/**
 * Turns a pasted chunk into text for the input box: CR LF becomes LF, and
 * the line break that ends a copied file or block is not a line of its
 * own.
 */
export function normalisePaste(text: string): string {
  return text
    .replace(/\r\n?/g, '\n')
    .replace(PASTE_JUNK, '')
    .replace(/\n+$/, '');
}
