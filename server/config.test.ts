import { describe, expect, it } from 'vitest';
import { ConfigError, DEFAULT_CONFIG, loadConfig } from './config.ts';

describe('loadConfig', () => {
  it('starts on SQLite on port 8080 of localhost with nothing configured', () => {
    const config = loadConfig([], {});
    expect(config).toEqual(DEFAULT_CONFIG);
    expect(config).toMatchObject({
      port: 8080,
      host: '127.0.0.1',
      dataFile: './data/termchat.sqlite',
      logLevel: 'info',
      idleTimeoutMs: 20_000,
      loginTimeoutMs: 15_000,
      frameTimeoutMs: 10_000,
      historyMaxLen: 10_000,
      historyReplay: 50,
      maxFrameBytes: 65_536,
      maxMessageChars: 2000,
    });
    expect(config.databaseUrl).toBeUndefined();
    expect(config.redisUrl).toBeUndefined();
  });

  it('reads every setting from the environment', () => {
    const config = loadConfig([], {
      PORT: '9000',
      HOST: '::',
      DATABASE_URL: 'mysql://root@127.0.0.1:3306/chat',
      REDIS_URL: 'redis://127.0.0.1:6379',
      DATA_FILE: '/tmp/x.sqlite',
      LOG_LEVEL: 'DEBUG',
      IDLE_TIMEOUT_MS: '12000',
      LOGIN_TIMEOUT_MS: '2000',
      FRAME_TIMEOUT_MS: '3000',
      HISTORY_MAX_LEN: '500',
      HISTORY_REPLAY: '0',
      MAX_FRAME_BYTES: '2048',
      MAX_MESSAGE_CHARS: '100',
    });
    expect(config).toMatchObject({
      port: 9000,
      host: '::',
      databaseUrl: 'mysql://root@127.0.0.1:3306/chat',
      redisUrl: 'redis://127.0.0.1:6379',
      dataFile: '/tmp/x.sqlite',
      logLevel: 'debug',
      idleTimeoutMs: 12_000,
      loginTimeoutMs: 2000,
      frameTimeoutMs: 3000,
      historyMaxLen: 500,
      historyReplay: 0,
      maxFrameBytes: 2048,
      maxMessageChars: 100,
    });
  });

  it('lets a flag beat its environment variable', () => {
    const config = loadConfig(
      ['--port', '7000', '--idle-timeout-ms=15000', '--host', '0.0.0.0'],
      { PORT: '9000', IDLE_TIMEOUT_MS: '12000' },
    );
    expect(config).toMatchObject({
      port: 7000,
      idleTimeoutMs: 15_000,
      host: '0.0.0.0',
    });
  });

  it('treats an empty variable as unset', () => {
    expect(loadConfig([], { PORT: '', DATABASE_URL: ' ' }).port).toBe(8080);
  });

  it.each([
    [
      { PORT: 'abc' },
      /PORT \(--port\) must be a whole number from 0 to 65535, not "abc"/,
    ],
    [{ PORT: '70000' }, /PORT/],
    [{ IDLE_TIMEOUT_MS: '-5' }, /IDLE_TIMEOUT_MS/],
    [{ MAX_MESSAGE_CHARS: '1.5' }, /MAX_MESSAGE_CHARS/],
    [{ HISTORY_MAX_LEN: '0' }, /HISTORY_MAX_LEN/],
    [{ LOG_LEVEL: 'loud' }, /LOG_LEVEL must be one of/],
    [{ DATABASE_URL: 'not a url' }, /DATABASE_URL is not a URL/],
    [
      { DATABASE_URL: 'postgres://x/y' },
      /DATABASE_URL must start with mysql:\/\//,
    ],
    [{ REDIS_URL: 'http://x' }, /REDIS_URL must start with redis:\/\//],
  ])('refuses %o with a sentence naming the setting', (env, pattern) => {
    expect(() => loadConfig([], env)).toThrow(ConfigError);
    expect(() => loadConfig([], env)).toThrow(pattern);
  });

  it('refuses timeouts too short for a live client, saying why', () => {
    expect(() => loadConfig([], { IDLE_TIMEOUT_MS: '100' })).toThrow(
      'IDLE_TIMEOUT_MS (--idle-timeout-ms) must be a whole number from 11000 to 86400000, not "100"; clients send a heartbeat every 10 s, so a shorter timeout would drop every one of them.',
    );
    expect(() => loadConfig(['--idle-timeout-ms', '10000'], {})).toThrow(
      /heartbeat every 10 s/,
    );
    expect(loadConfig([], { IDLE_TIMEOUT_MS: '11000' }).idleTimeoutMs).toBe(
      11_000,
    );
    expect(() => loadConfig([], { LOGIN_TIMEOUT_MS: '999' })).toThrow(
      /^LOGIN_TIMEOUT_MS \(--login-timeout-ms\) must be a whole number from 1000 to 86400000, not "999"; a login needs/,
    );
    expect(() => loadConfig([], { FRAME_TIMEOUT_MS: '100' })).toThrow(
      /^FRAME_TIMEOUT_MS \(--frame-timeout-ms\) must be a whole number from 1000 /,
    );
    expect(loadConfig([], { LOGIN_TIMEOUT_MS: '1000' }).loginTimeoutMs).toBe(
      1000,
    );
  });

  it('refuses a DATA_FILE under /proc or /sys with a sentence', () => {
    expect(() => loadConfig([], { DATA_FILE: '/proc/nope/x.sqlite' })).toThrow(
      /^DATA_FILE \(--data-file\) cannot be under \/proc: /,
    );
    expect(() => loadConfig(['--data-file', '/sys/x.sqlite'], {})).toThrow(
      /cannot be under \/sys/,
    );
    expect(() => loadConfig([], { DATA_FILE: '/proc' })).toThrow(ConfigError);
    expect(loadConfig([], { DATA_FILE: '/procs/x.sqlite' }).dataFile).toBe(
      '/procs/x.sqlite',
    );
  });

  it('refuses an unknown flag', () => {
    expect(() => loadConfig(['--prot', '1'], {})).toThrow(
      /unknown option '--prot'/,
    );
  });
});
