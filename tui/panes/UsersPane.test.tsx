import React from 'react';
import { afterEach, describe, expect, it } from 'vitest';
import { renderTerminal, type Rendered } from '../testing/render-terminal.ts';
import { UsersPane } from './UsersPane.tsx';

let rendered: Rendered | null = null;
afterEach(() => rendered?.unmount());

/** The rows inside the pane's border, 26 columns wide and `height` tall. */
async function paneRows(users: string[], height: number): Promise<string[]> {
  rendered = renderTerminal(
    <UsersPane users={users} me="alice" width={26} height={height} />,
    26,
    height + 1,
  );
  const screen = await rendered.waitFor((text) => text.includes('╰'));
  return screen
    .split('\n')
    .slice(1, height - 1)
    .map((row) => row.slice(1, -1).trimEnd());
}

describe('UsersPane', () => {
  it('counts the names that do not fit on its last row', async () => {
    const rows = await paneRows(['alice', 'bob', 'carol', 'dave'], 5);
    expect(rows).toEqual(['Online (4)', '› alice', '  +3 more']);
  });

  it('shows only its title when there is no room under it', async () => {
    const rows = await paneRows(['alice', 'bob'], 3);
    expect(rows).toEqual(['Online (2)']);
  });
});
