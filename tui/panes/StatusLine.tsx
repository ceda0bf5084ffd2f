/**
 * The bottom line: server, user, and the state of the connection, with
 * the key that reconnects when it is lost.
 */
import React from 'react';
import { Box, Text } from 'ink';
import type { LinkState } from '../net/chat-session.ts';
import { cellWidth, fitCells, truncateCells } from '../text/graphemes.ts';
import { sanitize } from '../text/sanitize.ts';
import { textProps, useTheme } from '../theme.ts';

interface Props {
  server: string;
  user: string;
  link: LinkState;
  width: number;
  now: number;
}

/**
 * Describes the link for the status line. The reason may come from the
 * server (a refused login's sentence) or span lines (a certificate
 * warning): only its first line is shown, made inert.
 */
export function describeLink(link: LinkState, now: number): string {
  switch (link.kind) {
    case 'online':
      return '● online';
    case 'connecting':
      return '◌ connecting…';
    case 'idle':
      return '○ not connected';
    case 'offline': {
      const reason = sanitize(link.reason.split('\n')[0] ?? '');
      if (link.retryAt === null) return `✕ offline: ${reason}`;
      const seconds = Math.max(0, Math.round((link.retryAt - now) / 1000));
      return `✕ offline · retry in ${seconds}s (Ctrl+R now) · ${reason}`;
    }
  }
}

const HINT = ' F1 help ';

/**
 * One status row of exactly `width` cells: who and where on the left, the
 * key hint always at the right edge, the link state cut to what is left.
 * In a narrow window the state's first words ("● online", "✕ offline")
 * keep their room, and the server and user are cut instead.
 */
export function StatusLine({
  server,
  user,
  link,
  width,
  now,
}: Props): React.JSX.Element {
  const theme = useTheme();
  const hint = width >= cellWidth(HINT) ? HINT : '';
  const room = width - cellWidth(hint);
  const full = ` ${sanitize(server)} · ${sanitize(user)} · `;
  const state = describeLink(link, now);
  // The first words, and a cell for the "…" when more follows them.
  const head = state.split(/[:·]/)[0]!.trimEnd();
  const essential = cellWidth(head) + (head === state ? 0 : 1);
  const leftRoom = Math.max(0, room - essential);
  const left =
    cellWidth(full) <= leftRoom
      ? full
      : `${truncateCells(full.trimEnd(), Math.max(0, leftRoom - 1), '…')} `;
  const middle = room - cellWidth(left);
  const stateStyle = link.kind === 'online' ? theme.online : theme.offline;

  return (
    <Box width={width} height={1}>
      <Text wrap="truncate">
        <Text {...textProps(theme.hint)}>{left}</Text>
        <Text {...textProps(stateStyle)}>{fitCells(state, middle)}</Text>
        <Text {...textProps(theme.hint)}>{hint}</Text>
      </Text>
    </Box>
  );
}
