import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { mysqlConnection, sqlConfig } from './knex-connection.ts';

describe('mysqlConnection', () => {
  it('reads host, port, user, a percent-encoded password and the database', () => {
    expect(
      mysqlConnection(
        'mysql://chat%40app:p%2Fss%3Aword@db.example:3307/termchat',
      ),
    ).toMatchObject({
      host: 'db.example',
      port: 3307,
      user: 'chat@app',
      password: 'p/ss:word',
      database: 'termchat',
      charset: 'utf8mb4',
    });
  });

  it('defaults to port 3306 and user root', () => {
    expect(mysqlConnection('mysql://127.0.0.1/chat')).toMatchObject({
      port: 3306,
      user: 'root',
      password: '',
    });
  });

  it('explains what is wrong with a bad URL', () => {
    expect(() => mysqlConnection('not a url')).toThrow(/not a valid URL/);
    expect(() => mysqlConnection('postgres://h/db')).toThrow(
      /must start with mysql:\/\//,
    );
    expect(() => mysqlConnection('mysql://h:3306')).toThrow(
      /must name a database/,
    );
  });
});

describe('sqlConfig', () => {
  it('describes a MySQL database without its password', () => {
    const { kind, where } = sqlConfig({
      databaseUrl: 'mysql://chat:hunter2@db:3306/termchat',
      dataFile: '',
    });
    expect(kind).toBe('mysql');
    expect(where).toBe('MySQL chat@db:3306/termchat');
    expect(where).not.toContain('hunter2');
  });

  it('creates the folder of a SQLite file that does not exist yet', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'termchat-config-'));
    try {
      const dataFile = path.join(dir, 'a', 'b', 'chat.sqlite');
      const { kind, where } = sqlConfig({ dataFile });
      expect(kind).toBe('sqlite');
      expect(where).toBe(`SQLite ${dataFile}`);
      expect(existsSync(path.dirname(dataFile))).toBe(true);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
