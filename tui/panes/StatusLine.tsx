/**
 * The bottom line: server, user, and the state of the connection, with
 * the key that reconnects when it is lost.
 */
import React from 'react';
import { Box, Text } from 'ink';
import type { LinkState } from '../net/chat-session.ts';
import { cellWidth, fitCells } from '../text/graphemes.ts';
import { sanitize } from '../text/sanitize.ts';
import { useTheme } from '../theme.ts';
import { toProps } from './UsersPane.tsx';

interface Props {
  server: string;
  user: string;
  link: LinkState;
  width: number;
  now: number;
}

/** Describes the link for the status line. */
export function describeLink(link: LinkState, now: number): string {
  switch (link.kind) {
    case 'online':
      return '● online';
    case 'connecting':
      return '◌ connecting…';
    case 'idle':
      return '○ not connected';
    case 'offline': {
      if (link.retryAt === null) return `✕ offline: ${link.reason}`;
      const seconds = Math.max(0, Math.round((link.retryAt - now) / 1000));
      return `✕ offline · retry in ${seconds}s (Ctrl+R now) · ${link.reason}`;
    }
  }
}

/** One status row across the full width. */
export function StatusLine({
  server,
  user,
  link,
  width,
  now,
}: Props): React.JSX.Element {
  const theme = useTheme();
  const left = ` ${server} · ${sanitize(user)} · `;
  const state = describeLink(link, now);
  const hint = ' F1 help ';
  const stateStyle = link.kind === 'online' ? theme.online : theme.offline;
  const middle = Math.max(0, width - cellWidth(left) - hint.length);

  return (
    <Box width={width} height={1}>
      <Text wrap="truncate">
        <Text {...toProps(theme.hint)}>{left}</Text>
        <Text {...toProps(stateStyle)}>{fitCells(state, middle)}</Text>
        <Text {...toProps(theme.hint)}>{hint}</Text>
      </Text>
    </Box>
  );
}
