/**
 * Semantic colour tokens. Components ask for a role ("time", "own"), never
 * a colour, so NO_COLOR and --no-color are handled here once.
 */
import { createContext, useContext } from 'react';
import { nameColour } from './text/colour.ts';
import type { SegmentStyle } from './text/wrap.ts';

/** Every role a piece of the screen can play. */
export interface Theme {
  isColor: boolean;
  border: string | undefined;
  title: SegmentStyle;
  time: SegmentStyle;
  ownName: SegmentStyle;
  text: SegmentStyle;
  ownText: SegmentStyle;
  private: SegmentStyle;
  system: SegmentStyle;
  error: SegmentStyle;
  mention: SegmentStyle;
  separator: SegmentStyle;
  unread: SegmentStyle;
  bar: SegmentStyle;
  hint: SegmentStyle;
  online: SegmentStyle;
  offline: SegmentStyle;
  /** The style of a speaker's name: a stable colour per name. */
  name: (name: string) => SegmentStyle;
}

const colourful: Theme = {
  isColor: true,
  border: 'gray',
  title: { bold: true, color: 'cyan' },
  time: { dim: true },
  ownName: { bold: true, color: 'white' },
  text: {},
  ownText: { color: 'white' },
  private: { color: 'magenta' },
  system: { dim: true },
  error: { color: 'red' },
  mention: { bold: true, color: 'yellow', inverse: false },
  separator: { dim: true, color: 'blue' },
  unread: { color: 'red', bold: true },
  bar: { color: 'green' },
  hint: { dim: true },
  online: { color: 'green' },
  offline: { color: 'red', bold: true },
  name: (name) => ({ bold: true, color: nameColour(name) }),
};

function withoutColour(style: SegmentStyle): SegmentStyle {
  const { color: _color, ...rest } = style;
  return rest;
}

const monochrome: Theme = {
  isColor: false,
  border: undefined,
  title: withoutColour(colourful.title),
  time: withoutColour(colourful.time),
  ownName: withoutColour(colourful.ownName),
  text: {},
  ownText: {},
  private: { underline: true },
  system: withoutColour(colourful.system),
  error: { bold: true },
  mention: { bold: true, inverse: true },
  separator: withoutColour(colourful.separator),
  unread: { bold: true },
  bar: {},
  hint: withoutColour(colourful.hint),
  online: {},
  offline: { bold: true, inverse: true },
  name: () => ({ bold: true }),
};

/** The theme for a terminal with or without colour. */
export function makeTheme(isColor: boolean): Theme {
  return isColor ? colourful : monochrome;
}

/** True unless NO_COLOR is set (to anything but "") or colour was turned off. */
export function wantsColour(flag: boolean, env = process.env): boolean {
  const noColor = env['NO_COLOR'];
  return flag && (noColor === undefined || noColor === '');
}

/** Ink `Text` props that draw a theme style. */
export function textProps(style: SegmentStyle): {
  color?: string;
  dimColor?: boolean;
  bold?: boolean;
  inverse?: boolean;
  underline?: boolean;
} {
  return {
    color: style.color,
    dimColor: style.dim,
    bold: style.bold,
    inverse: style.inverse,
    underline: style.underline,
  };
}

/** The theme components read. */
export const ThemeContext = createContext<Theme>(colourful);

/** The current theme. */
export function useTheme(): Theme {
  return useContext(ThemeContext);
}
