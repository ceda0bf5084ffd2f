/**
 * Draws one pre-wrapped row of styled segments. The row already fits the
 * width, so Ink never has to wrap it; `truncate` is only a safety net.
 */
import React from 'react';
import { Text } from 'ink';
import type { Row } from '../text/wrap.ts';
import { textProps } from '../theme.ts';

/** One row of segments. */
export function StyledRow({ row }: { row: Row }): React.JSX.Element {
  return (
    <Text wrap="truncate">
      {row.length === 0
        ? ' '
        : row.map((segment, index) => (
            <Text key={index} {...textProps(segment.style)}>
              {segment.text}
            </Text>
          ))}
    </Text>
  );
}
