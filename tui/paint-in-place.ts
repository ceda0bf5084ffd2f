/**
 * Paints each Ink frame over the last one instead of erasing it first.
 *
 * Ink's frame writer erases every row of the previous frame, then writes
 * the new one. A terminal that shows a frame half written (tmux 3.3a has
 * no synchronized output for its panes; a slow link splits writes) then
 * shows the rows below the split blank, the half-typed line among them,
 * and the cursor elsewhere, whenever a message arrives. Written in place,
 * a row only ever holds its old content or its new content.
 */
import stringWidth from 'string-width';

const ESC = '\x1b[';
// Ink's way back to the bottom row (hide the cursor, down, column 1), then
// its eraseLines(n): erase a row and go up, n - 1 times; erase; column 1.
const ERASE_FRAME =
  // eslint-disable-next-line no-control-regex
  /^((?:\x1b\[\?25l)?(?:\x1b\[\d+B)?(?:\x1b\[\d*G)?)((?:\x1b\[2K\x1b\[1A)*)\x1b\[2K\x1b\[G/;
const ERASE_AND_UP = `${ESC}2K${ESC}1A`;

/**
 * Rewrites one write of Ink's frame writer (go to the bottom, erase the
 * old frame upwards, the new frame, place the cursor) to go up without
 * erasing, clear each row only after its new text, and clear what is left
 * below the new frame. Any other write comes back unchanged.
 *
 * Note: a row as wide as the terminal gets no erase after it: the cursor
 * waits on its last cell, which an erase would clear.
 */
export function paintFrameInPlace(chunk: string, columns: number): string {
  const erase = ERASE_FRAME.exec(chunk);
  const lastNewline = chunk.lastIndexOf('\n');
  if (!erase || lastNewline < erase[0].length) return chunk;

  const ups = erase[2]!.length / ERASE_AND_UP.length;
  const prefix = erase[1]! + (ups > 0 ? `${ESC}${ups}A` : '') + `${ESC}G`;
  const rows = chunk.slice(erase[0].length, lastNewline).split('\n');
  const painted = rows.map((row) =>
    stringWidth(row) < columns ? `${row}${ESC}K` : row,
  );
  const cursor = chunk.slice(lastNewline + 1);
  return `${prefix}${painted.join('\n')}\n${ESC}J${cursor}`;
}

/** `stdout` with every Ink frame painted in place (paintFrameInPlace). */
export function paintInPlace(stdout: NodeJS.WriteStream): NodeJS.WriteStream {
  const write = (chunk: unknown, ...rest: unknown[]): boolean => {
    const text =
      typeof chunk === 'string'
        ? paintFrameInPlace(chunk, stdout.columns)
        : chunk;
    return (stdout.write as (...args: unknown[]) => boolean)(text, ...rest);
  };
  return new Proxy(stdout, {
    get(target, property) {
      if (property === 'write') return write;
      const value: unknown = Reflect.get(target, property, target);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}
