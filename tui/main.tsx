/**
 * The termchat client's entry point. React is loaded in its production
 * build unless NODE_ENV says otherwise: the development build records
 * timing data on every render, which costs more than the render itself.
 *
 * The terminal leaves line mode before anything else loads: keys typed
 * while the client starts (a fast typist, a password manager) would
 * otherwise be echoed, and Ctrl+R, Ctrl+U or Ctrl+W eaten by the
 * terminal's line editor. They wait, untouched, until the screen reads
 * them. Node puts the terminal's mode back when the process exits.
 *
 * `--no-color` becomes NO_COLOR before Ink (and chalk) load: see
 * no-color-flag.ts.
 */
process.env['NODE_ENV'] ??= 'production';
if (process.stdin.isTTY) process.stdin.setRawMode(true);
const { noColorFlagToEnv } = await import('./no-color-flag.ts');
process.argv = noColorFlagToEnv(process.argv, process.env);
await import('./run.tsx');
