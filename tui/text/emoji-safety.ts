/**
 * Emoji that the terminal and string-width measure differently. Ink lays
 * out every row with string-width; when the terminal draws a grapheme one
 * or two cells wider or narrower, everything after it on the row moves
 * and borders break. Such graphemes are drawn in a simpler form that both
 * agree on. Which kinds disagree is measured once at startup
 * (terminal-probe.ts); until then only the marks no terminal draws as
 * string-width counts them are changed (stray joiners and keycap marks,
 * keycaps without their selector, regional indicators that make no flag).
 */
import { cellWidth, graphemes } from './graphemes.ts';

/** The kinds of emoji on which terminals are known to differ. */
export type EmojiKind = 'modifier' | 'vs16' | 'zwj' | 'keycap';

/** One sample of each kind, for measuring the terminal. */
export const EMOJI_SAMPLES: Record<EmojiKind, string> = {
  // A skin tone: tmux 3.3a draws 4 cells, string-width counts 2.
  modifier: '👍🏽',
  // Emoji presentation of a text symbol: tmux draws 1, string-width 2.
  vs16: '❤️',
  // A family joined by ZWJ: some terminals draw each person.
  zwj: '👨‍👩‍👧',
  // A keycap: tmux 3.3a draws 1 (the selector adds nothing and the keycap
  // mark combines into the digit's cell), string-width 2.
  keycap: '1️⃣',
};

const MODIFIER = /[\u{1F3FB}-\u{1F3FF}]/gu;
const VS16 = /\uFE0F/g;
const ZWJ = /\u200D/g;
const ANY_MARK =
  /\u200D|\uFE0F|\u20E3|\p{Regional_Indicator}|[\u{1F3FB}-\u{1F3FF}]/u;
const STRAY_ZWJ = /\u200D(?!\p{Extended_Pictographic})/gu;
const KEYCAP = /^([0-9#*])\uFE0F?\u20E3$/u;
const KEYCAP_MARK = /\u20E3/g;
const REGIONAL_INDICATOR = /\p{Regional_Indicator}/u;
const INDICATORS = /^\p{Regional_Indicator}+$/u;
// From REGIONAL INDICATOR SYMBOL LETTER A (U+1F1E6) to A.
const TO_LETTER = 0x1f1e6 - 0x41;

/**
 * Drops every ZWJ that does not join two emoji. tmux 3.3a keeps a ZWJ
 * back and joins the next character that is not plain ASCII, however far
 * along the row, onto the cell before that character: after "a\u200Db",
 * the pane border drawn later lands inside the last padding cell and the
 * row is one column short. Between two emoji (👨‍👩‍👧) the joined emoji
 * follows at once and the sequence is as wide as string-width counts it.
 *
 * Drops the keycap mark U+20E3 too where it makes no keycap (g⃣): Ink
 * cuts each row of a pane with slice-ansi, which counts any grapheme with
 * that mark two cells where string-width and tmux count one, so the last
 * character of the row was lost.
 *
 * Note: a ZWJ also asks some scripts (Arabic, Indic) for a joining form; a
 * terminal draws one character per cell and shapes no such joins.
 */
function dropStrayMarks(grapheme: string): string {
  const text = grapheme.replace(STRAY_ZWJ, '');
  return KEYCAP.test(text) ? text : text.replace(KEYCAP_MARK, '');
}

/**
 * A keycap (a digit, # or *, VS16 and U+20E3) is drawn whole where the
 * terminal draws it two cells wide, as string-width counts it, and as its
 * bare character where it does not (the keycap kind). tmux 3.3a draws 1️⃣
 * in one cell whatever is sent, so no form of the keycap is two cells
 * there; the bare 1 is one cell in string-width, in tmux and on every
 * other terminal. A keycap sent without its VS16 (1⃣) is the text form,
 * drawn at its base's width in tmux while string-width counts 2: it gets
 * its selector back, the form the startup probe measured.
 */
function qualifyKeycap(grapheme: string): string {
  const base = KEYCAP.exec(grapheme)?.[1];
  return base === undefined ? grapheme : `${base}\uFE0F\u20E3`;
}

/**
 * Without its selector, a ZWJ sequence that starts with a text symbol
 * (❤️‍🔥, 🏳️‍🌈) is drawn by tmux 3.3a at that symbol's width, one cell,
 * while string-width still counts one emoji of two: it is split into its
 * parts, which both measure alike.
 */
function dropSelectors(grapheme: string): string {
  if (KEYCAP.test(grapheme)) return grapheme;
  const text = grapheme.replace(VS16, '');
  const first = String.fromCodePoint(text.codePointAt(0) ?? 0x20);
  return cellWidth(first) < 2 ? text.replace(ZWJ, '') : text;
}

const SIMPLER: Record<EmojiKind, (grapheme: string) => string> = {
  modifier: (grapheme) => grapheme.replace(MODIFIER, ''),
  vs16: dropSelectors,
  zwj: (grapheme) => grapheme.replace(ZWJ, ''),
  keycap: (grapheme) => KEYCAP.exec(grapheme)?.[1] ?? grapheme,
};

let unsafeKinds: readonly EmojiKind[] = [];

/** Records which kinds this terminal draws at another width. */
export function setUnsafeEmoji(kinds: readonly EmojiKind[]): void {
  unsafeKinds = [...kinds];
}

/** Turns one grapheme into a form the terminal draws as measured. */
function simplify(grapheme: string, kinds: readonly EmojiKind[]): string {
  let out = qualifyKeycap(grapheme);
  for (const kind of kinds) out = SIMPLER[kind](out);
  // A skin tone on its own stays: there is nothing simpler.
  return out === '' ? grapheme : out;
}

/**
 * Shows regional indicators that make no flag as their letters (🇦 as A,
 * 🇦🇧 as AB). tmux 3.3a draws each indicator in a cell of its own; for
 * string-width a lone one is one cell, but slice-ansi, with which Ink cuts
 * each row of a pane, counts it two and the row lost its last character,
 * and a pair that names no flag is one cell for string-width, two in tmux.
 * The letters measure alike everywhere. A flag stays.
 */
function showUnknownFlag(grapheme: string): string {
  if (!INDICATORS.test(grapheme) || cellWidth(grapheme) === 2) {
    return grapheme;
  }
  return [...grapheme]
    .map((char) => String.fromCodePoint(char.codePointAt(0)! - TO_LETTER))
    .join('');
}

/** Applies `step` to every grapheme of `text`. */
function eachGrapheme(text: string, step: (grapheme: string) => string) {
  return graphemes(text).map(step).join('');
}

/**
 * Returns text with every grapheme of an unsafe kind simplified: a skin
 * tone dropped, the emoji selector dropped (text presentation), a ZWJ
 * sequence split into its parts, a keycap shown as its digit. Stray
 * marks go first and unknown flags last, each over the whole text, as
 * dropping a mark can bring two graphemes together.
 */
export function makeEmojiSafe(
  text: string,
  kinds: readonly EmojiKind[] = unsafeKinds,
): string {
  if (!ANY_MARK.test(text)) return text;
  const joined = eachGrapheme(text, dropStrayMarks);
  const simple = eachGrapheme(joined, (part) => simplify(part, kinds));
  return REGIONAL_INDICATOR.test(simple)
    ? eachGrapheme(simple, showUnknownFlag)
    : simple;
}
