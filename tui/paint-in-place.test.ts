import { describe, expect, it } from 'vitest';
import { paintFrameInPlace } from './paint-in-place.ts';

const BACK_TO_BOTTOM = '\x1b[?25l\x1b[2B\x1b[1G';
const ERASE_THREE_ROWS = '\x1b[2K\x1b[1A\x1b[2K\x1b[1A\x1b[2K\x1b[G';
const CURSOR = '\x1b[2A\x1b[3G\x1b[?25h';

describe('paintFrameInPlace', () => {
  it('goes up over the old frame instead of erasing it, and clears each short row after its text', () => {
    const frame = `${BACK_TO_BOTTOM}${ERASE_THREE_ROWS}ab\n\x1b[1mcdef\x1b[22m\n${CURSOR}`;
    expect(paintFrameInPlace(frame, 4)).toBe(
      `${BACK_TO_BOTTOM}\x1b[2A\x1b[Gab\x1b[K\n\x1b[1mcdef\x1b[22m\n\x1b[J${CURSOR}`,
    );
  });

  it('paints a frame of one row over the old one', () => {
    expect(paintFrameInPlace('\x1b[2K\x1b[Gxy\n', 10)).toBe(
      '\x1b[Gxy\x1b[K\n\x1b[J',
    );
  });

  it('passes every other write through unchanged', () => {
    for (const chunk of [
      '\x1b[?2026h',
      'first frame\nsecond row\n',
      `${BACK_TO_BOTTOM}${ERASE_THREE_ROWS}`,
      '\x1b[2J\x1b[3J\x1b[Hwhole screen\n',
      '\x1b[?25l\x1b[1B\x1b[1G\x1b[4A\x1b[9G\x1b[?25h',
    ]) {
      expect(paintFrameInPlace(chunk, 80)).toBe(chunk);
    }
  });
});
