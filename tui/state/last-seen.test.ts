import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { lastSeenFile, stateDirectory } from './last-seen.ts';

const tempDir = () => mkdtempSync(path.join(os.tmpdir(), 'termchat-seen-'));

describe('last-seen file', () => {
  it('remembers the newest message per server and user, across name case', () => {
    const dir = tempDir();
    const file = lastSeenFile('host:1', dir);
    file.save('Alice', { id: '9', time: 900 });
    expect(lastSeenFile('host:1', dir).load('alice')).toEqual({
      id: '9',
      time: 900,
    });
    expect(lastSeenFile('host:2', dir).load('alice')).toBeNull();
    expect(file.load('bob')).toBeNull();
    expect(
      JSON.parse(readFileSync(path.join(dir, 'last-seen.json'), 'utf8')),
    ).toHaveProperty(['host:1/alice']);
  });

  it('treats a corrupt or unwritable file as no mark instead of failing', () => {
    const dir = tempDir();
    writeFileSync(path.join(dir, 'last-seen.json'), '{not json');
    expect(lastSeenFile('h:1', dir).load('alice')).toBeNull();
    const blocked = path.join(dir, 'last-seen.json', 'inside');
    expect(() =>
      lastSeenFile('h:1', blocked).save('alice', { time: 1 }),
    ).not.toThrow();
  });

  it('lives under XDG_STATE_HOME, or ~/.local/state without it', () => {
    expect(stateDirectory({ XDG_STATE_HOME: '/x/state' })).toBe(
      '/x/state/termchat',
    );
    expect(stateDirectory({})).toBe(
      path.join(os.homedir(), '.local', 'state', 'termchat'),
    );
  });
});
