/**
 * Server settings from environment variables and command-line flags. A
 * flag beats its variable, a variable beats the default; a bad value is a
 * ConfigError naming the setting, which main turns into exit code 2.
 */
import { Command, CommanderError } from 'commander';
import { DEFAULT_MAX_FRAME_BYTES } from '../shared/frame.ts';
import { DEFAULT_MAX_MESSAGE_CHARS } from '../shared/protocol.ts';
import { LIMIT_SETTINGS, type LimitSettings } from './limits/limit-settings.ts';
import { dataFileProblem } from './store/data-file.ts';
import type { TlsFiles } from './tls.ts';

/** Everything the server reads at startup. */
export interface Config extends LimitSettings, TlsFiles {
  port: number;
  host: string;
  /** A MySQL/MariaDB URL; absent means the SQLite file at `dataFile`. */
  databaseUrl?: string;
  /** A Redis URL; when set, history and activity live there. */
  redisUrl?: string;
  dataFile: string;
  logLevel: string;
  idleTimeoutMs: number;
  loginTimeoutMs: number;
  frameTimeoutMs: number;
  historyMaxLen: number;
  historyReplay: number;
  maxFrameBytes: number;
  maxMessageChars: number;
  /** Unsent bytes one socket may hold before it counts as too slow. */
  maxOutboxBytes: number;
}

/** A setting that cannot be used, with a sentence saying which and why. */
export class ConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ConfigError';
  }
}

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace'];
const LOG_LEVEL_CHOICES = [...LOG_LEVELS, 'silent'];

interface IntegerSetting {
  key: keyof Config;
  env: string;
  flag: string;
  fallback: number;
  min: number;
  max: number;
  summary: string;
  /** Why the minimum is what it is, added to the refusal. */
  why?: string;
}

/** How often clients send a heartbeat, which the idle timeout must beat. */
const HEARTBEAT_MS = 10_000;

const INTEGERS: IntegerSetting[] = [
  {
    key: 'port',
    env: 'PORT',
    flag: 'port',
    fallback: 8080,
    min: 0,
    max: 65535,
    summary: 'TCP port to listen on (0 picks a free one)',
  },
  {
    key: 'idleTimeoutMs',
    env: 'IDLE_TIMEOUT_MS',
    flag: 'idle-timeout-ms',
    fallback: 20_000,
    min: HEARTBEAT_MS + 1000,
    max: 86_400_000,
    summary: 'close a connection silent for this long',
    why: 'clients send a heartbeat every 10 s, so a shorter timeout would drop every one of them',
  },
  {
    key: 'loginTimeoutMs',
    env: 'LOGIN_TIMEOUT_MS',
    flag: 'login-timeout-ms',
    fallback: 15_000,
    min: 1000,
    max: 86_400_000,
    summary: 'close a connection not logged in after this long',
    why: 'a login needs a network round trip and a password check',
  },
  {
    key: 'frameTimeoutMs',
    env: 'FRAME_TIMEOUT_MS',
    flag: 'frame-timeout-ms',
    fallback: 10_000,
    min: 1000,
    max: 86_400_000,
    summary: 'close a connection whose frame takes longer to arrive',
    why: 'a large frame on a slow link takes a while',
  },
  {
    key: 'historyMaxLen',
    env: 'HISTORY_MAX_LEN',
    flag: 'history-max-len',
    fallback: 10_000,
    min: 1,
    max: 100_000_000,
    summary: 'messages kept in history',
  },
  {
    key: 'historyReplay',
    env: 'HISTORY_REPLAY',
    flag: 'history-replay',
    fallback: 50,
    min: 0,
    max: 1000,
    summary: 'messages replayed after login',
  },
  {
    key: 'maxFrameBytes',
    env: 'MAX_FRAME_BYTES',
    flag: 'max-frame-bytes',
    fallback: DEFAULT_MAX_FRAME_BYTES,
    min: 1024,
    max: 16 * 1024 * 1024,
    summary: 'largest frame body accepted, in bytes',
  },
  {
    key: 'maxMessageChars',
    env: 'MAX_MESSAGE_CHARS',
    flag: 'max-message-chars',
    fallback: DEFAULT_MAX_MESSAGE_CHARS,
    min: 1,
    max: 1_000_000,
    summary: 'longest message accepted, in characters',
  },
  {
    key: 'maxOutboxBytes',
    env: 'MAX_OUTBOX_BYTES',
    flag: 'max-outbox-bytes',
    fallback: 1024 * 1024,
    min: 64 * 1024,
    max: 1024 * 1024 * 1024,
    summary: 'unsent bytes per connection before it is dropped as too slow',
  },
  ...LIMIT_SETTINGS,
];

/** The defaults, for tests and tools that build a config by hand. */
export const DEFAULT_CONFIG: Config = {
  ...(Object.fromEntries(
    INTEGERS.map((setting) => [setting.key, setting.fallback]),
  ) as Pick<Config, 'port'>),
  host: '127.0.0.1',
  dataFile: './data/termchat.sqlite',
  logLevel: 'info',
} as Config;

function buildProgram(): Command {
  const program = new Command('termchat-server')
    .description('The termchat hub: a TCP chat room server.')
    .option('-v, --version', 'print the version and exit')
    .option('--host <address>', 'address to listen on (env HOST)')
    .option('--database-url <url>', 'MySQL/MariaDB URL (env DATABASE_URL)')
    .option('--redis-url <url>', 'Redis URL (env REDIS_URL)')
    .option('--tls-cert <path>', 'PEM certificate: serve TLS (env TLS_CERT)')
    .option('--tls-key <path>', 'PEM key of --tls-cert (env TLS_KEY)')
    .option(
      '--data-file <path>',
      'SQLite file when no database URL (env DATA_FILE)',
    )
    .option(
      '--log-level <level>',
      `${LOG_LEVEL_CHOICES.join('|')} (env LOG_LEVEL)`,
    )
    .exitOverride()
    .configureOutput({ writeErr: () => undefined, writeOut: () => undefined });
  for (const setting of INTEGERS) {
    program.option(
      `--${setting.flag} <n>`,
      `${setting.summary} (env ${setting.env})`,
    );
  }
  return program;
}

/** The help text that `--help` prints. */
export function configHelp(): string {
  return buildProgram().helpInformation();
}

/**
 * Reads the settings. `argv` is the arguments after the script name.
 * Throws ConfigError on any bad value or unknown flag.
 */
export function loadConfig(argv: string[], env: NodeJS.ProcessEnv): Config {
  const program = buildProgram();
  try {
    program.parse(argv, { from: 'user' });
  } catch (error) {
    if (error instanceof CommanderError) {
      throw new ConfigError(error.message.replace(/^error: /, ''));
    }
    throw error;
  }
  const flags = program.opts<Record<string, string | undefined>>();
  const pick = (flag: string, name: string): string | undefined =>
    flags[flag] ?? nonEmpty(env[name]);

  const config: Config = { ...DEFAULT_CONFIG };
  for (const setting of INTEGERS) {
    const raw = flags[camel(setting.flag)] ?? nonEmpty(env[setting.env]);
    if (raw !== undefined) {
      (config[setting.key] as number) = parseInteger(setting, raw);
    }
  }
  config.host = pick('host', 'HOST') ?? DEFAULT_CONFIG.host;
  config.dataFile = pick('dataFile', 'DATA_FILE') ?? DEFAULT_CONFIG.dataFile;
  const dataFileRefusal = dataFileProblem(config.dataFile);
  if (dataFileRefusal) throw new ConfigError(dataFileRefusal);
  config.databaseUrl = checkUrl(
    'DATABASE_URL',
    pick('databaseUrl', 'DATABASE_URL'),
    ['mysql:', 'mariadb:'],
  );
  config.redisUrl = checkUrl('REDIS_URL', pick('redisUrl', 'REDIS_URL'), [
    'redis:',
    'rediss:',
  ]);
  config.logLevel = checkLogLevel(pick('logLevel', 'LOG_LEVEL') ?? 'info');
  config.tlsCert = pick('tlsCert', 'TLS_CERT');
  config.tlsKey = pick('tlsKey', 'TLS_KEY');
  if (Boolean(config.tlsCert) !== Boolean(config.tlsKey)) {
    throw new ConfigError(
      'TLS needs both TLS_CERT (--tls-cert) and TLS_KEY (--tls-key); only one is set.',
    );
  }
  return config;
}

function parseInteger(setting: IntegerSetting, raw: string): number {
  const text = raw.trim();
  const value = /^\d+$/.test(text) ? Number(text) : Number.NaN;
  if (
    !Number.isSafeInteger(value) ||
    value < setting.min ||
    value > setting.max
  ) {
    const why = setting.why ? `; ${setting.why}` : '';
    throw new ConfigError(
      `${setting.env} (--${setting.flag}) must be a whole number from ${setting.min} to ${setting.max}, not "${raw}"${why}.`,
    );
  }
  return value;
}

function checkUrl(
  name: string,
  raw: string | undefined,
  protocols: string[],
): string | undefined {
  if (raw === undefined) return undefined;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new ConfigError(`${name} is not a URL: "${raw}".`);
  }
  if (!protocols.includes(url.protocol)) {
    throw new ConfigError(
      `${name} must start with ${protocols.map((p) => `${p}//`).join(' or ')}, not "${url.protocol}//".`,
    );
  }
  return raw;
}

function checkLogLevel(raw: string): string {
  const level = raw.trim().toLowerCase();
  if (!LOG_LEVEL_CHOICES.includes(level)) {
    throw new ConfigError(
      `LOG_LEVEL must be one of ${LOG_LEVEL_CHOICES.join(', ')}, not "${raw}".`,
    );
  }
  return level;
}

function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value.trim() === '' ? undefined : value;
}

function camel(flag: string): string {
  return flag.replace(/-(\w)/g, (_, letter: string) => letter.toUpperCase());
}
