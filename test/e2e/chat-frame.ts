/**
 * Reads the chat screen off a real terminal by the client's own layout:
 * the rows inside a pane, and whether every frame is where the layout
 * puts it, with nothing left over from an earlier size.
 */
import { expect } from 'vitest';
import type { ChatLayout } from '../../tui/screens/chat-layout.ts';
import { columnsOf, rowCells, type Terminal } from './tmux.ts';

/** The rows inside the messages pane, without its border. */
export function messageRows(screen: string, layout: ChatLayout): string[] {
  return screen
    .split('\n')
    .slice(1, layout.mainHeight - 1)
    .map((row) => row.slice(1, layout.messagesWidth - 1).trimEnd());
}

/** The rows inside the Activity pane, without its border. */
export function activityRows(screen: string, layout: ChatLayout): string[] {
  return screen
    .split('\n')
    .slice(layout.usersHeight + 1, layout.mainHeight - 1)
    .map((row) => row.slice(layout.messagesWidth + 1, -1).trimEnd());
}

interface Box {
  top: number;
  bottom: number;
  left: number;
  right: number;
}

/** Where every pane's frame is for a layout. */
function boxesOf(layout: ChatLayout): Box[] {
  const { mainHeight, messagesWidth, sideWidth, width } = layout;
  const main = mainHeight - 1;
  const boxes = [{ top: 0, bottom: main, left: 0, right: messagesWidth - 1 }];
  if (sideWidth > 0) {
    const side = { left: messagesWidth, right: width - 1 };
    boxes.push({ top: 0, bottom: layout.usersHeight - 1, ...side });
    boxes.push({ top: layout.usersHeight, bottom: main, ...side });
  }
  const input = { top: mainHeight, bottom: mainHeight + 3 };
  return [...boxes, { ...input, left: 0, right: width - 1 }];
}

const CORNERS = { top: '╭╮', bottom: '╰╯', middle: '││' };

/** "0╭ 53╮ …": the column and character of every border cell in a row. */
function bordersOf(row: string): string {
  return [...'│╭╮╰╯']
    .flatMap((char) => columnsOf(row, char).map((column) => ({ column, char })))
    .sort((a, b) => a.column - b.column)
    .map(({ column, char }) => `${column}${char}`)
    .join(' ');
}

/** The same for the frames a layout draws on row `index`. */
function expectedBorders(boxes: Box[], index: number): string {
  return boxes
    .filter((box) => box.top <= index && index <= box.bottom)
    .flatMap((box) => {
      const edge =
        index === box.top ? 'top' : index === box.bottom ? 'bottom' : 'middle';
      const [left, right] = [...CORNERS[edge]];
      return [`${box.left}${left}`, `${box.right}${right}`];
    })
    .join(' ');
}

/** What is wrong with a screen for the chat layout at its size. */
export function frameProblems(screen: string, layout: ChatLayout): string[] {
  const rows = screen.split('\n');
  const boxes = boxesOf(layout);
  const problems: string[] = [];
  rows.forEach((row, index) => {
    if (rowCells(row) > layout.width) problems.push(`row ${index} too wide`);
    if (index >= layout.height - 1) return;
    const want = expectedBorders(boxes, index);
    if (bordersOf(row) !== want) problems.push(`row ${index} not ${want}`);
  });
  const status = rows[layout.height - 1] ?? '';
  if (!/● online .* F1 help$/.test(status)) problems.push('no status line');
  if (rows.slice(layout.height).some((row) => row.trim() !== '')) {
    problems.push('a stale row under the status line');
  }
  const side = layout.sideWidth > 0 ? 1 : 0;
  const counts: Array<[RegExp, number]> = [
    [/Online \(/g, side],
    [/Activity/g, side],
    [/● online/g, 1],
    [/│> /g, 1],
  ];
  for (const [pattern, count] of counts) {
    const found = screen.match(pattern)?.length ?? 0;
    if (found !== count) problems.push(`${pattern} ${found} times`);
  }
  return problems;
}

/** Waits for the chat screen drawn whole at its size, and returns it. */
export async function drawnFrame(
  terminal: Terminal,
  layout: ChatLayout,
  isDrawn: (screen: string) => boolean = () => true,
): Promise<string> {
  const isWhole = (screen: string) =>
    frameProblems(screen, layout).length === 0 && isDrawn(screen);
  try {
    return await terminal.waitFor(isWhole, 5000);
  } catch {
    const screen = await terminal.screen();
    expect(frameProblems(screen, layout), screen).toEqual([]);
    throw new Error(`The screen never showed what was awaited:\n${screen}`);
  }
}
