/**
 * Emoji that the terminal and string-width measure differently. Ink lays
 * out every row with string-width; when the terminal draws a grapheme one
 * or two cells wider or narrower, everything after it on the row moves
 * and borders break. Such graphemes are drawn in a simpler form that both
 * agree on. Which kinds disagree is measured once at startup
 * (terminal-probe.ts); until then nothing is changed.
 */
import { graphemes } from './graphemes.ts';

/** The kinds of emoji on which terminals are known to differ. */
export type EmojiKind = 'modifier' | 'vs16' | 'zwj';

/** One sample of each kind, for measuring the terminal. */
export const EMOJI_SAMPLES: Record<EmojiKind, string> = {
  // A skin tone: tmux 3.3a draws 4 cells, string-width counts 2.
  modifier: '👍🏽',
  // Emoji presentation of a text symbol: tmux draws 1, string-width 2.
  vs16: '❤️',
  // A family joined by ZWJ: some terminals draw each person.
  zwj: '👨‍👩‍👧',
};

const MODIFIER = /[\u{1F3FB}-\u{1F3FF}]/gu;
const VS16 = /\uFE0F/g;
const ZWJ = /\u200D/g;
const ANY_MARK = /\u200D|\uFE0F|[\u{1F3FB}-\u{1F3FF}]/u;

const SIMPLER: Record<EmojiKind, (grapheme: string) => string> = {
  modifier: (grapheme) => grapheme.replace(MODIFIER, ''),
  vs16: (grapheme) => grapheme.replace(VS16, ''),
  zwj: (grapheme) => grapheme.replace(ZWJ, ''),
};

let unsafeKinds: readonly EmojiKind[] = [];

/** Records which kinds this terminal draws at another width. */
export function setUnsafeEmoji(kinds: readonly EmojiKind[]): void {
  unsafeKinds = [...kinds];
}

/** Turns one grapheme into a form the terminal draws as measured. */
function simplify(grapheme: string, kinds: readonly EmojiKind[]): string {
  let out = grapheme;
  for (const kind of kinds) out = SIMPLER[kind](out);
  // A skin tone or a joiner on its own stays: there is nothing simpler.
  return out === '' ? grapheme : out;
}

/**
 * Returns text with every grapheme of an unsafe kind simplified: a skin
 * tone dropped, the emoji selector dropped (text presentation), a ZWJ
 * sequence split into its parts.
 */
export function makeEmojiSafe(
  text: string,
  kinds: readonly EmojiKind[] = unsafeKinds,
): string {
  if (kinds.length === 0 || !ANY_MARK.test(text)) return text;
  return graphemes(text)
    .map((grapheme) => simplify(grapheme, kinds))
    .join('');
}
