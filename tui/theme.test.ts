import { describe, expect, it } from 'vitest';
import { makeTheme, wantsColour } from './theme.ts';

describe('theme', () => {
  it('honours NO_COLOR and --no-color', () => {
    expect(wantsColour(true, {})).toBe(true);
    expect(wantsColour(true, { NO_COLOR: '1' })).toBe(false);
    expect(wantsColour(true, { NO_COLOR: '' })).toBe(true);
    expect(wantsColour(false, {})).toBe(false);
  });

  it('has no colour in any token of the monochrome theme', () => {
    const theme = makeTheme(false);
    for (const value of Object.values(theme)) {
      if (typeof value === 'object' && value !== null) {
        expect(value).not.toHaveProperty('color');
      }
    }
    expect(theme.name('alice')).not.toHaveProperty('color');
    expect(theme.border).toBeUndefined();
  });

  it('gives a name the same colour every time', () => {
    const theme = makeTheme(true);
    expect(theme.name('alice')).toEqual(theme.name('alice'));
    expect(theme.name('alice').color).toBeDefined();
  });
});
