/**
 * Remembers the newest message seen per server and user, in a small JSON
 * file under $XDG_STATE_HOME/termchat (or ~/.local/state/termchat), so the
 * next login can mark where the new messages start.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { canonicalName } from '../../shared/names.ts';
import type { SeenMark } from './chat-types.ts';

/** Reads and writes last-seen marks for one server. */
export interface LastSeenFile {
  load(user: string): SeenMark | null;
  save(user: string, mark: SeenMark): void;
}

/** The directory the client keeps its state in. */
export function stateDirectory(env = process.env): string {
  const base =
    env['XDG_STATE_HOME'] || path.join(os.homedir(), '.local', 'state');
  return path.join(base, 'termchat');
}

function readAll(file: string): Record<string, SeenMark> {
  try {
    const value: unknown = JSON.parse(fs.readFileSync(file, 'utf8'));
    return typeof value === 'object' && value !== null && !Array.isArray(value)
      ? (value as Record<string, SeenMark>)
      : {};
  } catch {
    return {};
  }
}

function isMark(value: unknown): value is SeenMark {
  if (typeof value !== 'object' || value === null) return false;
  const mark = value as Record<string, unknown>;
  return (
    typeof mark['time'] === 'number' &&
    (mark['id'] === undefined || typeof mark['id'] === 'string')
  );
}

/**
 * The last-seen file for `server` ("host:port"). Failures to read or write
 * are ignored: the marker is a convenience and must never stop the chat.
 */
export function lastSeenFile(
  server: string,
  directory = stateDirectory(),
): LastSeenFile {
  const file = path.join(directory, 'last-seen.json');
  const key = (user: string) => `${server}/${canonicalName(user)}`;
  return {
    load(user) {
      const mark = readAll(file)[key(user)];
      return isMark(mark) ? mark : null;
    },
    save(user, mark) {
      try {
        fs.mkdirSync(directory, { recursive: true });
        const all = readAll(file);
        all[key(user)] = mark;
        const temporary = `${file}.${process.pid}.tmp`;
        fs.writeFileSync(temporary, JSON.stringify(all, null, 2));
        fs.renameSync(temporary, file);
      } catch {
        // Note: an unwritable state directory only costs the unread marker.
      }
    },
  };
}
