/**
 * Who is online, with a count; the user's own name is marked.
 */
import React from 'react';
import { Text } from 'ink';
import { canonicalName } from '../../shared/names.ts';
import { fitCells } from '../text/graphemes.ts';
import { sanitize } from '../text/sanitize.ts';
import { textProps, useTheme } from '../theme.ts';
import { Pane } from './Pane.tsx';

interface Props {
  users: readonly string[];
  me: string;
  width: number;
  height: number;
}

/** The bordered online-users pane. */
export function UsersPane({
  users,
  me,
  width,
  height,
}: Props): React.JSX.Element {
  const theme = useTheme();
  const inner = Math.max(0, width - 2);
  const room = Math.max(0, height - 3);
  // Note: with no room below the title (80x12) the pane shows the title
  // alone; a "+N more" row there would push the title out of the frame.
  const shown =
    users.length > room ? users.slice(0, Math.max(0, room - 1)) : users;
  const hidden = room > 0 ? users.length - shown.length : 0;
  const self = canonicalName(me);

  return (
    <Pane width={width} height={height} title={`Online (${users.length})`}>
      {shown.map((name) => {
        const isMe = canonicalName(name) === self;
        const label = `${isMe ? '›' : ' '} ${sanitize(name)}`;
        return (
          <Text
            key={name}
            wrap="truncate"
            {...textProps(isMe ? theme.ownName : theme.name(name))}
          >
            {fitCells(label, inner)}
          </Text>
        );
      })}
      {hidden > 0 && (
        <Text wrap="truncate" {...textProps(theme.hint)}>
          {fitCells(`  +${hidden} more`, inner)}
        </Text>
      )}
    </Pane>
  );
}
