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
  /** Failed logins to one account per window before it is throttled. */
  loginFailsPerAccount: number;
  /** Failed logins from one address per window before it is throttled. */
  loginFailsPerIp: number;
  /** The login throttle window, in seconds. */
  loginWindowS: number;
  /** Registration attempts from one address per window. */
  registerPerIp: number;
  /** The registration throttle window, in seconds. */
  registerWindowS: number;
  /** Open connections from one address. */
  maxConnectionsPerIp: number;
  /** Connections from one address that have not logged in yet. */
  maxUnauthenticatedPerIp: number;
}

/** The limits a server starts with when nothing is configured. */
export const DEFAULT_LIMITS: LimitSettings = {
  floodBurst: 5,
  floodPerSecond: 2,
  loginFailsPerAccount: 10,
  loginFailsPerIp: 30,
  loginWindowS: 900,
  registerPerIp: 20,
  registerWindowS: 3600,
  maxConnectionsPerIp: 64,
  maxUnauthenticatedPerIp: 16,
};
