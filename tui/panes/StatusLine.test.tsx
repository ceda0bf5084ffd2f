import React from 'react';
import { afterEach, describe, expect, it } from 'vitest';
import type { LinkState } from '../net/chat-session.ts';
import { cellWidth } from '../text/graphemes.ts';
import { renderTerminal, type Rendered } from '../testing/render-terminal.ts';
import { StatusLine } from './StatusLine.tsx';

let rendered: Rendered | null = null;
afterEach(() => rendered?.unmount());

async function statusRow(
  width: number,
  link: LinkState,
  user = 'alice',
): Promise<string> {
  rendered = renderTerminal(
    <StatusLine
      server="localhost:8080"
      user={user}
      link={link}
      width={width}
      now={0}
    />,
    width,
    3,
  );
  return (await rendered.waitFor((screen) => screen !== '')).split('\n')[0]!;
}

describe('StatusLine', () => {
  it('ends in the whole key hint at the right edge at 80 and 100 columns', async () => {
    const links: LinkState[] = [
      { kind: 'online' },
      { kind: 'connecting' },
      { kind: 'offline', reason: 'connection refused', retryAt: 4000 },
    ];
    for (const width of [80, 100]) {
      for (const link of links) {
        const row = await statusRow(width, link, '小明');
        expect(row.trimEnd(), row).toMatch(/ F1 help$/);
        expect(cellWidth(row.trimEnd()), row).toBe(width - 1);
        rendered!.unmount();
        rendered = null;
      }
    }
  });

  it('shows only the first line of a reason, with its controls made visible', async () => {
    const reason = 'No\tway\x1b]0;x\x07 back\nsecond line';
    const row = await statusRow(100, {
      kind: 'offline',
      reason,
      retryAt: null,
    });
    expect(row).toContain('✕ offline: No  way␛]0;x␇ back');
    expect(row).not.toContain('second line');
    expect(row.trimEnd()).toMatch(/ F1 help$/);
    expect(cellWidth(row.trimEnd())).toBe(99);
  });

  it('keeps the key hint when a long name leaves no room', async () => {
    const row = await statusRow(40, { kind: 'online' }, 'n'.repeat(32));
    expect(row.trimEnd()).toMatch(/ · n+… ● online F1 help$/);
    expect(cellWidth(row.trimEnd())).toBe(39);
  });

  it('keeps the state in a narrow window, cutting the server and user first', async () => {
    const online = await statusRow(30, { kind: 'online' }, '小明');
    expect(online).toContain('● online');
    expect(online.trimEnd()).toMatch(/ F1 help$/);
    expect(cellWidth(online.trimEnd())).toBe(29);
    const offline = await statusRow(30, {
      kind: 'offline',
      reason: 'connection refused',
      retryAt: null,
    });
    expect(offline).toContain('✕ offline');
  });
});
