/**
 * The skeleton of a name, after Unicode's UTS #39: what the name looks
 * like, so that names that look the same are one name. Each non-ASCII
 * letter is replaced by the letter it is confusable with (Unicode's
 * confusables.txt, through the `unhomoglyph` package, plus the overrides
 * below), then the result is compared like a canonical name (NFKC,
 * case-folded): `аӏісе` in Cyrillic and `alice` share the skeleton
 * `alice`.
 */
import confusables from 'unhomoglyph/data.json' with { type: 'json' };

const TABLE: Readonly<Record<string, string>> = confusables;

/**
 * Where we part from confusables.txt. It maps look-alikes of capital I
 * to `l` (as it maps I itself), while we keep ASCII as it is and fold
 * case afterwards, so these go to `I`; palochka, a bare stroke, looks
 * like our `l`; and kappa and tau (with their Cyrillic twins) go to the
 * Latin letters they pass for in small type rather than to small capitals.
 */
const OVERRIDES: Readonly<Record<string, string>> = {
  '\u0406': 'I', // CYRILLIC CAPITAL LETTER BYELORUSSIAN-UKRAINIAN I
  '\u0399': 'I', // GREEK CAPITAL LETTER IOTA
  '\u04c0': 'I', // CYRILLIC LETTER PALOCHKA
  '\u04cf': 'l', // CYRILLIC SMALL LETTER PALOCHKA
  '\u03ba': 'k', // GREEK SMALL LETTER KAPPA
  '\u043a': 'k', // CYRILLIC SMALL LETTER KA
  '\u03c4': 't', // GREEK SMALL LETTER TAU
  '\u0442': 't', // CYRILLIC SMALL LETTER TE
};

/**
 * The look-alike form of a name: equal skeletons mean the names cannot
 * be told apart by eye. Note: ASCII stands for itself, so digits are not
 * letters (`adm1n` is not `admin`) and `rn` is not `m`; the danger this
 * guards against is a letter from another script posing as a Latin one.
 */
export function nameSkeleton(name: string): string {
  let mapped = '';
  for (const char of name.normalize('NFKC').normalize('NFD')) {
    if (char.charCodeAt(0) < 0x80) mapped += char;
    else mapped += OVERRIDES[char] ?? TABLE[char] ?? char;
  }
  return foldCase(mapped);
}

/**
 * NFKC, then full case folding: upper case first, so `ß` meets `SS` and
 * `ς` meets `Σ`, then lower case.
 */
export function foldCase(text: string): string {
  return text.normalize('NFKC').toUpperCase().toLowerCase().normalize('NFKC');
}
