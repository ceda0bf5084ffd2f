import { describe, expect, it } from 'vitest';
import { ConfigError, configHelp, loadConfig } from '../config.ts';
import { DEFAULT_LIMITS, LIMIT_SETTINGS, NO_LIMITS } from './limit-settings.ts';

describe('the limit settings', () => {
  it('start from the documented defaults', () => {
    expect(loadConfig([], {})).toMatchObject({
      floodBurst: 5,
      floodPerSecond: 2,
      loginFailsPerAccount: 10,
      loginFailsPerAccountTotal: 100,
      loginFailsPerIp: 30,
      loginWindowS: 900,
      loginBurst: 6,
      loginRefillS: 20,
      registerPerIp: 20,
      registerWindowS: 3600,
      maxConnectionsPerIp: 64,
      maxUnauthenticatedPerIp: 16,
    });
    expect(Object.values(NO_LIMITS).every((value) => value === 0)).toBe(true);
    expect(Object.keys(NO_LIMITS)).toEqual(Object.keys(DEFAULT_LIMITS));
  });

  it('read variables and flags, a flag beating its variable, 0 meaning off', () => {
    const config = loadConfig(
      ['--flood-burst', '9', '--login-window-seconds', '60'],
      { FLOOD_BURST: '3', MAX_CONNECTIONS_PER_IP: '0', REGISTER_PER_IP: '4' },
    );

    expect(config).toMatchObject({
      floodBurst: 9,
      loginWindowS: 60,
      maxConnectionsPerIp: 0,
      registerPerIp: 4,
    });
  });

  it('refuse a bad value with a sentence naming the setting', () => {
    expect(() => loadConfig([], { FLOOD_PER_SECOND: '-1' })).toThrow(
      'FLOOD_PER_SECOND (--flood-per-second) must be a whole number from 0 to 1000000, not "-1".',
    );
  });

  it('are all listed in --help with their variable', () => {
    const help = configHelp();
    for (const setting of LIMIT_SETTINGS) {
      expect(help).toContain(`--${setting.flag}`);
      expect(help).toContain(setting.env);
    }
    expect(help).toContain('--tls-cert');
  });
});

describe('the TLS settings', () => {
  it('read both files from variables or flags', () => {
    expect(
      loadConfig(['--tls-key', 'k.pem'], { TLS_CERT: 'c.pem' }),
    ).toMatchObject({ tlsCert: 'c.pem', tlsKey: 'k.pem' });
    expect(loadConfig([], {}).tlsCert).toBeUndefined();
  });

  it('refuse a certificate without its key', () => {
    expect(() => loadConfig([], { TLS_CERT: 'c.pem' })).toThrow(ConfigError);
    expect(() => loadConfig(['--tls-key', 'k.pem'], {})).toThrow(
      /TLS needs both TLS_CERT \(--tls-cert\) and TLS_KEY \(--tls-key\)/,
    );
  });
});
