/**
 * The messages pane: the rows that fit, a day separator where the date
 * changes, and a marker counting lines below while scrolled up.
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
      const count = window.linesBelow;
      const label =
        count > 0
          ? `${count} more below · End to jump down`
          : 'scrolled · End to follow';
      rows = [...rows.slice(-(inner - 1)), layout.rule(label, theme.unread)];
      if (rows.length > inner) rows = rows.slice(-inner);
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
