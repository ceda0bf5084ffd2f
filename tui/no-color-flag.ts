/**
 * `--no-color` made to mean what `NO_COLOR` means. chalk, which Ink draws
 * with, reads `--no-color` from process.argv when it loads and then
 * draws no attributes at all: no bold, inverse or underline, so a
 * mention, a private message and the offline badge look like any other
 * text. NO_COLOR leaves chalk alone and only our theme drops colours.
 */

/**
 * Returns argv without `--no-color` (before any `--`), setting
 * `NO_COLOR=1` in `env` when it was there. Run it before chalk loads.
 */
export function noColorFlagToEnv(
  argv: readonly string[],
  env: NodeJS.ProcessEnv,
): string[] {
  const end = argv.indexOf('--');
  const options = end === -1 ? argv : argv.slice(0, end);
  const rest = end === -1 ? [] : argv.slice(end);
  const kept = options.filter((arg) => arg !== '--no-color');
  if (kept.length < options.length) env['NO_COLOR'] = '1';
  return [...kept, ...rest];
}
