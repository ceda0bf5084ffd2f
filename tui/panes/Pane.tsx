/**
 * The rounded frame every pane is drawn in, with an optional title row.
 */
import React from 'react';
import { Box, Text } from 'ink';
import { fitCells } from '../text/graphemes.ts';
import { textProps, useTheme } from '../theme.ts';

interface Props {
  width: number;
  height: number;
  /** The first row inside the border, in the title style, cut to fit. */
  title?: string;
  /** Rows gather at the bottom, as in a chat log, instead of the top. */
  isBottomAligned?: boolean;
  children?: React.ReactNode;
}

/** A bordered column of rows that never grows past its size. */
export function Pane(props: Props): React.JSX.Element {
  const { width, height, title, isBottomAligned = false, children } = props;
  const theme = useTheme();

  return (
    <Box
      flexDirection="column"
      borderStyle="round"
      borderColor={theme.border}
      width={width}
      height={height}
      overflow="hidden"
      justifyContent={isBottomAligned ? 'flex-end' : 'flex-start'}
    >
      {title !== undefined && (
        <Text wrap="truncate" {...textProps(theme.title)}>
          {fitCells(title, Math.max(0, width - 2))}
        </Text>
      )}
      {children}
    </Box>
  );
}
