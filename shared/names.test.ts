import { describe, expect, it } from 'vitest';
import { canonicalName, nameProblem, nameSkeleton } from './names.ts';

describe('canonicalName', () => {
  it('treats names that differ by case or NFKC form as one name', () => {
    expect(canonicalName('Alice')).toBe(canonicalName('ALICE'));
    expect(canonicalName('Ａｌｉｃｅ')).toBe(canonicalName('alice'));
    expect(canonicalName('ﬁsh')).toBe(canonicalName('fish'));
  });

  it('folds case fully, so ß is ss and a final sigma is a sigma', () => {
    expect(canonicalName('Straße')).toBe(canonicalName('STRASSE'));
    expect(canonicalName('ß')).toBe(canonicalName('SS'));
    expect(canonicalName('ΟΔΟΣ')).toBe(canonicalName('οδος'));
  });

  it('leaves CJK names as they are', () => {
    expect(canonicalName('小明')).toBe('小明');
  });
});

describe('nameProblem', () => {
  it('accepts Latin, CJK and emoji names', () => {
    for (const name of ['alice', '小明', '田中さん', '김철수', 'bob_2', '🐱']) {
      expect(nameProblem(name)).toBeNull();
    }
  });

  it('refuses empty, too long and whitespace names', () => {
    expect(nameProblem('')).toBe('NAME_INVALID');
    expect(nameProblem('a'.repeat(33))).toBe('NAME_INVALID');
    expect(nameProblem('字'.repeat(32))).toBeNull();
    expect(nameProblem('al ice')).toBe('NAME_INVALID');
    expect(nameProblem('alice\u3000')).toBe('NAME_INVALID');
  });

  it('refuses control and invisible characters', () => {
    expect(nameProblem('al\x1bice')).toBe('NAME_INVALID');
    expect(nameProblem('al\u200bice')).toBe('NAME_INVALID');
    expect(nameProblem('\u202eecila')).toBe('NAME_INVALID');
    expect(nameProblem('\u3164')).toBe('NAME_INVALID');
  });

  it.each([
    ['U+2800 BRAILLE PATTERN BLANK', '\u2800'],
    ['U+3164 HANGUL FILLER', '\u3164'],
    ['U+115F HANGUL CHOSEONG FILLER', '\u115f'],
    ['U+1160 HANGUL JUNGSEONG FILLER', '\u1160'],
    ['U+FFA0 HALFWIDTH HANGUL FILLER', '\uffa0'],
    ['U+2000 EN QUAD', '\u2000'],
    ['U+2007 FIGURE SPACE', '\u2007'],
    ['U+200A HAIR SPACE', '\u200a'],
    ['U+205F MEDIUM MATHEMATICAL SPACE', '\u205f'],
    ['U+00A0 NO-BREAK SPACE', '\u00a0'],
    ['U+00AD SOFT HYPHEN', '\u00ad'],
    ['U+034F COMBINING GRAPHEME JOINER', '\u034f'],
    ['U+180E MONGOLIAN VOWEL SEPARATOR', '\u180e'],
    ['U+17B4 KHMER VOWEL INHERENT AQ', '\u17b4'],
    ['U+2060 WORD JOINER', '\u2060'],
    ['U+2064 INVISIBLE PLUS', '\u2064'],
    ['U+FE0F VARIATION SELECTOR-16', '\ufe0f'],
    ['U+FEFF ZERO WIDTH NO-BREAK SPACE', '\ufeff'],
    ['U+1D159 MUSICAL SYMBOL NULL NOTEHEAD', '\u{1d159}'],
    ['U+1D173 MUSICAL SYMBOL BEGIN BEAM', '\u{1d173}'],
    ['U+E0041 TAG LATIN CAPITAL LETTER A', '\u{e0041}'],
    ['U+E0100 VARIATION SELECTOR-17', '\u{e0100}'],
    ['U+1F3FD EMOJI MODIFIER FITZPATRICK TYPE-4', '\u{1f3fd}'],
  ])('refuses %s inside, after or alone as a name', (_, blank) => {
    expect(nameProblem(`Alice${blank}`)).toBe('NAME_INVALID');
    expect(nameProblem(`Al${blank}ice`)).toBe('NAME_INVALID');
    expect(nameProblem(blank)).toBe('NAME_INVALID');
  });

  it('refuses a name that starts with a combining mark', () => {
    expect(nameProblem('\u0301alice')).toBe('NAME_INVALID');
    expect(nameProblem('café')).toBeNull();
  });

  it('refuses names that would break command syntax', () => {
    expect(nameProblem('a-->b')).toBe('NAME_INVALID');
    expect(nameProblem('@alice')).toBe('NAME_INVALID');
    expect(nameProblem('/quit')).toBe('NAME_INVALID');
  });

  it('refuses look-alikes of reserved names', () => {
    expect(nameProblem('\u0430dmin')).toBe('NAME_RESERVED');
    expect(nameProblem('\u0430\u0434\u043c\u0456\u043f')).toBeNull();
    expect(nameProblem('\u0455\u0443\u0455t\u0435m')).toBe('NAME_RESERVED');
    expect(nameProblem('adm1n')).toBeNull();
  });

  it('refuses reserved names in any case or width', () => {
    expect(nameProblem('System')).toBe('NAME_RESERVED');
    expect(nameProblem('ＡＤＭＩＮ')).toBe('NAME_RESERVED');
    expect(nameProblem('系统')).toBe('NAME_RESERVED');
    expect(nameProblem('管理员')).toBe('NAME_RESERVED');
  });

  it('refuses Latin mixed with Cyrillic or Greek look-alikes', () => {
    expect(nameProblem('pаypal')).toBe('NAME_CONFUSABLE');
    expect(nameProblem('ΑΙice')).toBe('NAME_CONFUSABLE');
    expect(nameProblem('иван')).toBeNull();
    expect(nameProblem('Σωκράτης')).toBeNull();
  });
});

describe('nameSkeleton', () => {
  it('gives Cyrillic and Greek look-alikes the skeleton of the Latin name', () => {
    expect(nameSkeleton('\u0430\u04cf\u0456\u0441\u0435')).toBe('alice');
    expect(nameSkeleton('\u0440\u0430\u0443\u0440\u0430l')).toBe('paypal');
    expect(nameSkeleton('\u0392\u03bf\u03b2')).toBe(nameSkeleton('Bo\u03b2'));
    expect(nameSkeleton('\u0392ob')).toBe('bob');
    expect(nameSkeleton('\u041d\u0415\u041c\u041e')).toBe('hemo');
  });

  it('maps each letter of the documented table to the Latin one', () => {
    const table: Array<[string, string]> = [
      ['а', 'a'],
      ['е', 'e'],
      ['о', 'o'],
      ['р', 'p'],
      ['с', 'c'],
      ['у', 'y'],
      ['х', 'x'],
      ['і', 'i'],
      ['ӏ', 'l'],
      ['ј', 'j'],
      ['ѕ', 's'],
      ['ԁ', 'd'],
      ['ԛ', 'q'],
      ['ԝ', 'w'],
      ['ν', 'v'],
      ['ο', 'o'],
      ['ρ', 'p'],
      ['α', 'a'],
      ['ι', 'i'],
      ['κ', 'k'],
      ['τ', 't'],
      ['А', 'a'],
      ['Е', 'e'],
      ['О', 'o'],
      ['Р', 'p'],
      ['С', 'c'],
      ['Х', 'x'],
      ['І', 'i'],
      ['Ј', 'j'],
      ['Ѕ', 's'],
      ['Α', 'a'],
      ['Β', 'b'],
      ['Ε', 'e'],
      ['Ι', 'i'],
      ['Κ', 'k'],
      ['Ο', 'o'],
      ['Ρ', 'p'],
      ['Τ', 't'],
      ['Χ', 'x'],
    ];
    for (const [letter, latin] of table) {
      expect(`${letter} ${nameSkeleton(letter)}`).toBe(`${letter} ${latin}`);
    }
  });

  it('folds case and width like the canonical name', () => {
    expect(nameSkeleton('ALICE')).toBe('alice');
    expect(nameSkeleton('Ａｌｉｃｅ')).toBe('alice');
  });

  it('keeps digits, accents and other scripts apart', () => {
    expect(nameSkeleton('adm1n')).not.toBe(nameSkeleton('admin'));
    expect(nameSkeleton('b0b')).not.toBe(nameSkeleton('bob'));
    expect(nameSkeleton('rnary')).not.toBe(nameSkeleton('mary'));
    expect(nameSkeleton('café')).not.toBe(nameSkeleton('cafe'));
    expect(nameSkeleton('иван')).not.toBe(nameSkeleton('ивин'));
    expect(nameSkeleton('小明')).toBe('小明');
  });
});
