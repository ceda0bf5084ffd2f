/* eslint-disable no-control-regex -- it reads the escape codes a terminal receives */
/**
 * Reads the SGR escapes in a row from `tmux capture-pane -e`: which
 * attributes and colours each piece of text is drawn with.
 */

/** How a run of text is drawn. A colour is its SGR parameters. */
export interface CellStyle {
  bold: boolean;
  dim: boolean;
  underline: boolean;
  inverse: boolean;
  fg: string | null;
  bg: string | null;
}

/** A run of text drawn in one style. */
export interface StyledRun {
  text: string;
  style: CellStyle;
}

const PLAIN: CellStyle = {
  bold: false,
  dim: false,
  underline: false,
  inverse: false,
  fg: null,
  bg: null,
};

// Matches an SGR escape, or a run of text up to the next escape.
const TOKEN = /\x1b\[([0-9;:]*)m|[^\x1b]+|\x1b/g;

/** Applies one SGR escape's parameters to a style. */
function applySgr(style: CellStyle, params: string): CellStyle {
  const codes = params === '' ? [0] : params.split(/[;:]/).map(Number);
  let next = { ...style };
  for (let i = 0; i < codes.length; i += 1) {
    const code = codes[i]!;
    if (code === 38 || code === 48) {
      // 38;5;n or 38;2;r;g;b: the colour's own parameters follow.
      const length = codes[i + 1] === 5 ? 2 : 4;
      const colour = codes.slice(i, i + 1 + length).join(';');
      next = code === 38 ? { ...next, fg: colour } : { ...next, bg: colour };
      i += length;
    } else if (code === 0) next = { ...PLAIN };
    else if (code === 1) next.bold = true;
    else if (code === 2) next.dim = true;
    else if (code === 22) next = { ...next, bold: false, dim: false };
    else if (code === 4) next.underline = true;
    else if (code === 24) next.underline = false;
    else if (code === 7) next.inverse = true;
    else if (code === 27) next.inverse = false;
    else if (code === 39) next.fg = null;
    else if (code === 49) next.bg = null;
    else if ((code >= 30 && code <= 37) || (code >= 90 && code <= 97)) {
      next.fg = String(code);
    } else if ((code >= 40 && code <= 47) || (code >= 100 && code <= 107)) {
      next.bg = String(code);
    }
  }
  return next;
}

/** The runs of one captured row, each with the style it is drawn in. */
export function styledRuns(row: string): StyledRun[] {
  const runs: StyledRun[] = [];
  let style = PLAIN;
  for (const [token, params] of row.matchAll(TOKEN)) {
    if (params !== undefined) style = applySgr(style, params);
    else if (token !== '\x1b') runs.push({ text: token, style });
  }
  return runs;
}

/** The style of the first character of `text` in a captured row. */
export function styleOf(row: string, text: string): CellStyle {
  const runs = styledRuns(row);
  const plain = runs.map((run) => run.text).join('');
  const at = plain.indexOf(text);
  if (at < 0) throw new Error(`"${text}" is not in the row: ${plain}`);
  let offset = 0;
  for (const run of runs) {
    if (at < offset + run.text.length) return run.style;
    offset += run.text.length;
  }
  throw new Error('unreachable: the text was found');
}

/** The row's text without its escapes. */
export function plainText(row: string): string {
  return styledRuns(row)
    .map((run) => run.text)
    .join('');
}

/** Every colour an SGR escape in the rows sets (39 and 49 reset, so no). */
export function coloursIn(rows: readonly string[]): string[] {
  const colours = new Set<string>();
  for (const row of rows) {
    for (const [, params] of row.matchAll(/\x1b\[([0-9;:]*)m/g)) {
      const { fg, bg } = applySgr(PLAIN, params!);
      if (fg !== null) colours.add(`fg ${fg}`);
      if (bg !== null) colours.add(`bg ${bg}`);
    }
  }
  return [...colours];
}
