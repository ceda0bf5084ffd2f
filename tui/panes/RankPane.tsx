/**
 * The activity ranking: top users with bars scaled to the leader, and the
 * user's own place whenever the rows that fit do not show it.
 */
import React from 'react';
import { Text } from 'ink';
import { canonicalName } from '../../shared/names.ts';
import type { RankState } from '../state/chat-types.ts';
import { cellWidth, fitCells, truncateCells } from '../text/graphemes.ts';
import { sanitize } from '../text/sanitize.ts';
import { textProps, useTheme } from '../theme.ts';
import { Pane } from './Pane.tsx';

interface Props {
  rank: RankState;
  me: string;
  width: number;
  height: number;
}

const NAME_CELLS = 8;

/** One ranking row: "1 alice   ████ 12". */
export function rankRow(
  place: number,
  name: string,
  score: number,
  top: number,
  width: number,
): { label: string; bar: string; score: string } {
  const label = `${String(place).padStart(2)} ${fitCells(sanitize(name), NAME_CELLS)} `;
  const scoreText = ` ${score}`;
  const room = Math.max(0, width - cellWidth(label) - scoreText.length);
  const filled =
    top > 0 ? Math.max(score > 0 ? 1 : 0, Math.round((score / top) * room)) : 0;
  return {
    label,
    bar:
      '█'.repeat(Math.min(room, filled)) +
      ' '.repeat(Math.max(0, room - filled)),
    score: scoreText,
  };
}

/**
 * The user's own place and score when the `room` rows drawn would not
 * show them, or null: the server's Place, or else the user's position
 * in the entries (a server may send the list without a Place).
 */
export function ownPlace(
  rank: RankState,
  self: string,
  room: number,
): { place: number; score: number } | null {
  const index = rank.entries.findIndex(
    (entry) => canonicalName(entry.Name) === self,
  );
  if (room <= 0 || (index >= 0 && index < room)) return null;
  const place = rank.place ?? (index >= 0 ? index + 1 : undefined);
  if (place === undefined) return null;
  return { place, score: rank.score ?? rank.entries[index]?.Score ?? 0 };
}

/** The bordered rank pane. */
export function RankPane({
  rank,
  me,
  width,
  height,
}: Props): React.JSX.Element {
  const theme = useTheme();
  const inner = Math.max(0, width - 2);
  const room = Math.max(0, height - 3);
  const self = canonicalName(me);
  const own = ownPlace(rank, self, room);
  const entries = rank.entries.slice(0, own ? room - 1 : room);
  const top = rank.entries[0]?.Score ?? 0;

  return (
    <Pane
      width={width}
      height={height}
      title={rank.isStale ? 'Activity (out of date)' : 'Activity'}
    >
      {entries.map((entry, index) => {
        const row = rankRow(index + 1, entry.Name, entry.Score, top, inner);
        const isMe = canonicalName(entry.Name) === self;
        return (
          <Text key={entry.Name} wrap="truncate">
            <Text {...textProps(isMe ? theme.ownName : theme.text)}>
              {row.label}
            </Text>
            <Text {...textProps(theme.bar)}>{row.bar}</Text>
            <Text>{row.score}</Text>
          </Text>
        );
      })}
      {own && (
        <Text wrap="truncate" {...textProps(theme.ownName)}>
          {truncateCells(`you: #${own.place} (${own.score})`, inner)}
        </Text>
      )}
    </Pane>
  );
}
