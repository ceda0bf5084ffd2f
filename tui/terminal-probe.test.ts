import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { cellWidth } from './text/graphemes.ts';
import { probeEmoji, type ProbeStreams } from './terminal-probe.ts';

/** How tmux 3.3a draws: a skin tone is an emoji of its own, VS16 and a keycap mark add nothing. */
function tmuxWidth(text: string): number {
  if (/\u200D/.test(text)) return 2;
  return [...text.replace(/\uFE0F/g, '')]
    .map((char) => cellWidth(char))
    .reduce((a, b) => a + b, 0);
}

/**
 * A fake terminal: answers each cursor position request with the column
 * after the sample drawn before it, with `typed` keys arriving first.
 */
function fakeTerminal(
  width: ((sample: string) => number) | null,
  typed = '',
): ProbeStreams & { written: string[] } {
  const stdin = new PassThrough();
  const written: string[] = [];
  const stdout = {
    write: (text: string) => {
      written.push(text);
      if (!width) return true;
      const samples = text.split('\x1b[6n').slice(0, -1);
      const replies = samples.map(
        (sample) => `\x1b[1;${1 + width(sample.replace('\r', ''))}R`,
      );
      // Keys typed mid-probe, and a reply split across two reads.
      const all = typed + replies.join('');
      setTimeout(() => stdin.write(all.slice(0, all.length - 3)), 5);
      setTimeout(() => stdin.write(all.slice(all.length - 3)), 10);
      return true;
    },
  };
  return {
    stdin: stdin as unknown as NodeJS.ReadStream,
    stdout: stdout as unknown as NodeJS.WriteStream,
    written,
  };
}

describe('probeEmoji', () => {
  it('finds the kinds tmux 3.3a draws at another width than string-width', async () => {
    const terminal = fakeTerminal(tmuxWidth);
    expect(await probeEmoji(terminal)).toEqual(['modifier', 'vs16', 'keycap']);
    expect(terminal.written.at(-1)).toBe('\r\x1b[2K');
  });

  it('finds nothing on a terminal that clusters emoji like string-width', async () => {
    expect(await probeEmoji(fakeTerminal(cellWidth))).toEqual([]);
  });

  it('keeps keys typed during the probe for the screen, in order', async () => {
    const terminal = fakeTerminal(tmuxWidth, 'alice\t\x1b[A');
    await probeEmoji(terminal);
    expect(String(terminal.stdin.read())).toBe('alice\t\x1b[A');
  });

  it('falls back to string-width when the terminal does not answer', async () => {
    const terminal = fakeTerminal(null);
    const started = Date.now();
    expect(await probeEmoji(terminal, 100)).toEqual([]);
    expect(Date.now() - started).toBeLessThan(1000);
    terminal.stdin.write('typed');
    expect(String(terminal.stdin.read())).toBe('typed');
  });
});
