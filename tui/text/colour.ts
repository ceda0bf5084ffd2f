/**
 * Stable colours for names: the same name always gets the same colour,
 * on every screen, so speakers are easy to tell apart.
 */

/** Colours that read well on both dark and light backgrounds. */
export const NAME_PALETTE = [
  'red',
  'green',
  'yellow',
  'blue',
  'magenta',
  'cyan',
  'redBright',
  'greenBright',
  'yellowBright',
  'blueBright',
  'magentaBright',
  'cyanBright',
] as const;

/** Picks a palette colour from a hash (FNV-1a) of the name. */
export function nameColour(name: string): (typeof NAME_PALETTE)[number] {
  let hash = 0x811c9dc5;
  for (const char of name.toLowerCase()) {
    hash ^= char.codePointAt(0)!;
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return NAME_PALETTE[hash % NAME_PALETTE.length]!;
}
