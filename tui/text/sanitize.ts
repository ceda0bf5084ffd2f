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
