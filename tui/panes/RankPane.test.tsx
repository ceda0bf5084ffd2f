import React from 'react';
import { afterEach, describe, expect, it } from 'vitest';
import type { RankState } from '../state/chat-types.ts';
import { renderTerminal, type Rendered } from '../testing/render-terminal.ts';
import { RankPane } from './RankPane.tsx';

let rendered: Rendered | null = null;
afterEach(() => rendered?.unmount());

/** Ten users, alice ninth with 3 points. */
function topTen(): RankState['entries'] {
  return Array.from({ length: 10 }, (_, index) => ({
    Name: index === 8 ? 'alice' : `user${index + 1}`,
    Score: 20 - index * 2,
  }));
}

/** The rows inside the pane's border, 26 columns wide and `height` tall. */
async function paneRows(rank: RankState, height: number): Promise<string[]> {
  rendered = renderTerminal(
    <RankPane rank={rank} me="alice" width={26} height={height} />,
    26,
    height + 1,
  );
  const screen = await rendered.waitFor((text) => text.includes('Activity'));
  return screen
    .split('\n')
    .slice(1, height - 1)
    .map((row) => row.slice(1, -1).trimEnd());
}

describe('RankPane', () => {
  it('gives the last row to your place when you are ranked below the rows that fit', async () => {
    const rows = await paneRows({ entries: topTen(), place: 9, score: 4 }, 9);
    expect(rows).toHaveLength(7);
    expect(rows[0]).toBe('Activity');
    expect(rows.slice(1, 6).map((row) => row.slice(0, 8))).toEqual([
      ' 1 user1',
      ' 2 user2',
      ' 3 user3',
      ' 4 user4',
      ' 5 user5',
    ]);
    expect(rows[6]).toBe('you: #9 (4)');
  });

  it('works your place out from the list when the server sends no Place', async () => {
    const rows = await paneRows({ entries: topTen() }, 9);
    expect(rows[6]).toBe('you: #9 (4)');
    expect(rows.join('\n')).not.toContain('user6');
  });

  it('lists you in your row, with no you: line, when your row is drawn', async () => {
    const rows = await paneRows({ entries: topTen(), place: 9, score: 4 }, 13);
    expect(rows[9]).toMatch(/^ 9 alice +█+ +4$/);
    expect(rows.join('\n')).not.toContain('you:');
  });

  it('shows your place outside the top list', async () => {
    const entries = topTen().filter((entry) => entry.Name !== 'alice');
    const rows = await paneRows({ entries, place: 14, score: 1 }, 9);
    expect(rows[6]).toBe('you: #14 (1)');
  });

  it('shows only its title when there is no room under it', async () => {
    const entries = topTen().filter((entry) => entry.Name !== 'alice');
    const rows = await paneRows({ entries, place: 14, score: 1 }, 3);
    expect(rows).toEqual(['Activity']);
  });
});
