/**
 * Asks the terminal how wide it draws a few emoji, before Ink mounts:
 * each sample is written at the start of a line, followed by a cursor
 * position request (ESC[6n); the column in the ESC[row;colR reply gives
 * the width. Keys typed meanwhile are kept for Ink, in order.
 */
import { EMOJI_SAMPLES, type EmojiKind } from './text/emoji-safety.ts';
import { cellWidth } from './text/graphemes.ts';

// Matching the terminal's escape reply is the point of this pattern.
// eslint-disable-next-line no-control-regex
const CURSOR_REPLY = /\x1b\[(\d+);(\d+)R/;
const CLEAR_LINE = '\r\x1b[2K';

/** The terminal side of the probe: what run.tsx passes in. */
export interface ProbeStreams {
  stdin: NodeJS.ReadStream;
  stdout: NodeJS.WriteStream;
}

/**
 * How many cells the terminal draws each sample in, or null for a sample
 * it did not answer about within `timeoutMs`. The terminal must be in
 * raw mode (main.tsx).
 *
 * Note: a reply that arrives after the timeout reaches Ink as an unknown
 * key and is ignored there.
 */
export function measureWidths(
  { stdin, stdout }: ProbeStreams,
  samples: readonly string[],
  timeoutMs = 400,
): Promise<(number | null)[]> {
  const widths: (number | null)[] = samples.map(() => null);
  let received = 0;
  let pending = '';
  let typed = '';

  return new Promise((resolve) => {
    const finish = () => {
      clearTimeout(timer);
      stdin.off('data', onData);
      stdin.pause();
      stdout.write(CLEAR_LINE);
      // Keys typed during the probe, and any half reply, go back to Ink.
      if (typed + pending !== '') stdin.unshift(typed + pending);
      resolve(widths);
    };
    const onData = (chunk: string | Buffer) => {
      pending += chunk.toString();
      for (;;) {
        const match = CURSOR_REPLY.exec(pending);
        if (!match) break;
        typed += pending.slice(0, match.index);
        pending = pending.slice(match.index + match[0].length);
        if (received < samples.length) {
          widths[received] = Number(match[2]) - 1;
          received += 1;
        }
      }
      if (!pending.includes('\x1b')) {
        typed += pending;
        pending = '';
      }
      if (received === samples.length) finish();
    };
    const timer = setTimeout(finish, timeoutMs);

    stdin.setEncoding('utf8');
    stdin.on('data', onData);
    stdout.write(samples.map((sample) => `\r${sample}\x1b[6n`).join(''));
  });
}

/**
 * The emoji kinds this terminal draws at another width than string-width
 * says. A terminal that does not answer is taken to agree.
 */
export async function probeEmoji(
  streams: ProbeStreams,
  timeoutMs?: number,
): Promise<EmojiKind[]> {
  const kinds = Object.keys(EMOJI_SAMPLES) as EmojiKind[];
  const samples = kinds.map((kind) => EMOJI_SAMPLES[kind]);
  const widths = await measureWidths(streams, samples, timeoutMs);
  return kinds.filter((kind, index) => {
    const width = widths[index];
    return width != null && width !== cellWidth(samples[index]!);
  });
}
