/**
 * What a screen draws instead of itself in a window too small for it:
 * the size it has and the size it needs, cut to the window, so nothing
 * wraps or scrolls however small the window gets.
 */
import React from 'react';
import { Box, Text } from 'ink';
import { cellWidth, truncateCells } from '../text/graphemes.ts';
import { wrapSegments, type Row } from '../text/wrap.ts';
import { textProps, useTheme } from '../theme.ts';
import type { WindowSize } from './chat-layout.ts';

interface Props {
  size: WindowSize;
  needed: WindowSize;
}

const rowText = (row: Row) => row.map((segment) => segment.text).join('');
const sizeText = ({ columns, rows }: WindowSize) => `${columns}x${rows}`;

/**
 * The rows of the notice for a window `size.columns` wide and `height`
 * rows tall: the longest wording whose words each fit on a row and whose
 * rows all fit, else the shortest one cut to the first row.
 */
export function tooSmallRows(
  size: WindowSize,
  needed: WindowSize,
  height: number,
): string[] {
  const wordings = [
    `Window too small: ${sizeText(size)}; make it at least ${sizeText(needed)}`,
    `Too small; make it ${sizeText(needed)}`,
    `Need ${sizeText(needed)}`,
    sizeText(needed),
  ];
  for (const wording of wordings) {
    const words = wording.split(' ');
    if (words.some((word) => cellWidth(word) > size.columns)) continue;
    const rows = wrapSegments([{ text: wording, style: {} }], size.columns);
    if (rows.length > height) continue;
    // A row may end in the space it was broken at.
    return rows.map((row) => rowText(row).trimEnd());
  }
  return [truncateCells(wordings.at(-1)!, size.columns, '…')];
}

/** The notice, in the window's top left corner. */
export function TooSmallScreen({ size, needed }: Props): React.JSX.Element {
  const theme = useTheme();
  // The same spare row as the chat screen's, but never none at all.
  const height = Math.max(1, size.rows - 1);

  return (
    <Box flexDirection="column" width={size.columns} height={height}>
      {tooSmallRows(size, needed, height).map((row, index) => (
        <Text key={index} wrap="truncate" {...textProps(theme.hint)}>
          {row}
        </Text>
      ))}
    </Box>
  );
}
