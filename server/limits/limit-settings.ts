/**
 * The abuse limits a server enforces, with their defaults. Config carries
 * the same keys, so the whole config can be passed where these are read.
 * A value of 0 turns that limit off.
 */

/** Every limit of server/limits, by the config key that sets it. */
export interface LimitSettings {
  /** Chat and private messages a user may send at once. */
  floodBurst: number;
  /** Messages per second a user may keep sending after the burst. */
  floodPerSecond: number;
  /**
   * Failed logins to one account from one address per window before that
   * address is throttled for that account.
   */
  loginFailsPerAccount: number;
  /** Failed logins to one account from all addresses per window. */
  loginFailsPerAccountTotal: number;
  /**
   * Failed logins from one address per window before it is throttled;
   * taken names it tries to register count as failures too.
   */
  loginFailsPerIp: number;
  /** The login throttle window, in seconds. */
  loginWindowS: number;
  /** Successful logins to one account at once, before the steady rate. */
  loginBurst: number;
  /** Seconds until one more successful login is allowed after the burst. */
  loginRefillS: number;
  /** Registration attempts from one address per window. */
  registerPerIp: number;
  /** The registration throttle window, in seconds. */
  registerWindowS: number;
  /** Open connections from one address. */
  maxConnectionsPerIp: number;
  /** Connections from one address that have not logged in yet. */
  maxUnauthenticatedPerIp: number;
}

/** One limit as config.ts reads it: env variable, flag, default, range. */
export interface LimitSetting {
  key: keyof LimitSettings;
  env: string;
  flag: string;
  fallback: number;
  min: number;
  max: number;
  summary: string;
}

const HOUR = 3600;

/** Every limit's variable and flag; config.ts lists them with the rest. */
export const LIMIT_SETTINGS: LimitSetting[] = [
  setting('floodBurst', 5, 'chat/private messages a user may send at once'),
  setting('floodPerSecond', 2, 'messages per second a user may keep sending'),
  setting(
    'loginFailsPerAccount',
    10,
    'failed logins to one account from one address per window',
  ),
  setting(
    'loginFailsPerAccountTotal',
    100,
    'failed logins to one account from all addresses per window',
  ),
  setting(
    'loginFailsPerIp',
    30,
    'failed logins (and taken names tried) from one address per window',
  ),
  setting('loginWindowS', 900, 'login throttle window, in seconds', 24 * HOUR),
  setting('loginBurst', 6, 'successful logins to one account at once'),
  setting(
    'loginRefillS',
    20,
    'seconds until one more successful login after the burst',
    HOUR,
  ),
  setting('registerPerIp', 20, 'registrations from one address per window'),
  setting(
    'registerWindowS',
    HOUR,
    'registration window, in seconds',
    24 * HOUR,
  ),
  setting('maxConnectionsPerIp', 64, 'open connections from one address'),
  setting(
    'maxUnauthenticatedPerIp',
    16,
    'connections from one address not logged in yet',
  ),
];

/** The limits a server starts with when nothing is configured. */
export const DEFAULT_LIMITS = Object.fromEntries(
  LIMIT_SETTINGS.map(({ key, fallback }) => [key, fallback]),
) as unknown as LimitSettings;

/** Every limit turned off, for tests about something else. */
export const NO_LIMITS = Object.fromEntries(
  LIMIT_SETTINGS.map(({ key }) => [key, 0]),
) as unknown as LimitSettings;

function setting(
  key: keyof LimitSettings,
  fallback: number,
  summary: string,
  max = 1_000_000,
): LimitSetting {
  const flag = key
    .replace(/[A-Z]/g, (letter) => `-${letter.toLowerCase()}`)
    .replace(/-s$/, '-seconds');
  const env = key
    .replace(/[A-Z]/g, (letter) => `_${letter}`)
    .toUpperCase()
    .replace(/_S$/, '_SECONDS');
  return {
    key,
    env,
    flag,
    fallback,
    min: 0,
    max,
    summary: `${summary} (0: off)`,
  };
}
