/**
 * Makes text from the network inert: every character that a terminal
 * would act on (escape sequences, carriage returns, bidi overrides, other
 * controls) becomes a visible symbol, so a message can only ever be shown.
 * Emoji the terminal draws at another width than Ink measures are
 * simplified here too (emoji-safety.ts), so rows keep their width.
 */
import { makeEmojiSafe } from './emoji-safety.ts';

const BIDI_NAMES: Record<number, string> = {
  0x061c: 'ALM',
  0x200e: 'LRM',
  0x200f: 'RLM',
  0x202a: 'LRE',
  0x202b: 'RLE',
  0x202c: 'PDF',
  0x202d: 'LRO',
  0x202e: 'RLO',
  0x2066: 'LRI',
  0x2067: 'RLI',
  0x2068: 'FSI',
  0x2069: 'PDI',
};

// Invisible characters that terminals disagree on: tmux gives a zero-width
// space or a soft hyphen a cell that string-width does not, so the rest of
// the row moves and its end is cut. They are dropped from what is drawn.
// The joiner and variation selectors that build emoji stay (emoji-safety
// decides about those), and so do the tag characters of flags such as 🏴.
const INVISIBLE = /^[\p{Cf}\p{Default_Ignorable_Code_Point}]$/u;
const EMOJI_PARTS = /^[\u{e0020}-\u{e007f}]$/u;
const ZWJ = 0x200d;
const VS15 = 0xfe0e;
const VS16 = 0xfe0f;

function isInvisible(code: number): boolean {
  if (code === ZWJ || code === VS15 || code === VS16) return false;
  const char = String.fromCodePoint(code);
  return INVISIBLE.test(char) && !EMOJI_PARTS.test(char);
}

/** The visible stand-in for one dangerous code point, or null if safe. */
function standIn(code: number, keepNewlines: boolean): string | null {
  if (code === 0x0a) return keepNewlines ? null : '␤';
  if (code === 0x09) return '  ';
  if (code === 0x1b) return '␛';
  if (code < 0x20) return String.fromCodePoint(0x2400 + code);
  if (code === 0x7f) return '␡';
  if (code >= 0x80 && code <= 0x9f) return '�';
  const bidi = BIDI_NAMES[code];
  if (bidi) return `[${bidi}]`;
  if (code === 0x2028 || code === 0x2029) return '␤';
  if (isInvisible(code)) return '';
  return null;
}

/**
 * Returns text safe to draw. With `keepNewlines`, line feeds survive so a
 * multi-line message can be laid out on several rows; everything else that
 * is not printable is replaced, and unsafe emoji are simplified.
 */
export function sanitize(text: string, keepNewlines = false): string {
  let out = '';
  for (const char of text) {
    const replacement = standIn(char.codePointAt(0)!, keepNewlines);
    out += replacement ?? char;
  }
  return makeEmojiSafe(out);
}
