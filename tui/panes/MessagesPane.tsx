/**
 * The messages pane: the rows that fit, a day separator where the date
 * changes, and while scrolled up a marker on the last row counting the
 * messages that arrived below.
 */
import React from 'react';
import type { ChatLine } from '../state/chat-types.ts';
import { useTheme } from '../theme.ts';
import type { Row } from '../text/wrap.ts';
import type { MessageLayout } from './message-layout.ts';
import { visibleWindow, type ScrollView } from './scrollback.ts';
import { Pane } from './Pane.tsx';
import { StyledRow } from './StyledRow.tsx';

interface Props {
  lines: readonly ChatLine[];
  view: ScrollView;
  layout: MessageLayout;
  width: number;
  height: number;
  /** Rows drawn instead of messages, e.g. the help overlay. */
  overlay?: Row[];
}

/** The marker under a held view: what arrived below, and the way back. */
export function heldMarker(newBelow: number): string {
  const what = newBelow > 0 ? `${newBelow} new below` : 'scrolled up';
  return `${what} · End to jump down`;
}

/** The bordered messages pane. */
export function MessagesPane(props: Props): React.JSX.Element {
  const { lines, view, layout, width, height, overlay } = props;
  const theme = useTheme();
  const inner = Math.max(0, height - 2);

  let rows: Row[];
  if (overlay) {
    rows = overlay.slice(0, inner);
  } else {
    const window = visibleWindow(
      lines,
      view,
      inner,
      layout.rowsOf.bind(layout),
    );
    rows = window.rows;
    if (view.kind === 'held' && inner > 0) {
      const marker = layout.rule(heldMarker(window.newBelow), theme.unread);
      rows = [...rows, marker];
    }
  }

  return (
    <Pane width={width} height={height} isBottomAligned>
      {rows.map((row, index) => (
        <StyledRow key={index} row={row} />
      ))}
    </Pane>
  );
}
