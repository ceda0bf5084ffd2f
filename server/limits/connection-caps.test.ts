import { describe, expect, it } from 'vitest';
import { ConnectionCaps, type AdmitResult } from './connection-caps.ts';

function admitted(result: AdmitResult) {
  if (!result.ok) throw new Error(`refused: ${result.message}`);
  return result.admission;
}

describe('ConnectionCaps', () => {
  it('refuses a connection past the cap for one address only', () => {
    const caps = new ConnectionCaps({
      maxConnectionsPerIp: 2,
      maxUnauthenticatedPerIp: 0,
    });
    admitted(caps.admit('10.0.0.1'));
    admitted(caps.admit('10.0.0.1'));

    expect(caps.admit('10.0.0.1')).toMatchObject({
      ok: false,
      code: 'TOO_MANY_CONNECTIONS',
      message: 'Too many connections from your address.',
    });
    expect(caps.admit('10.0.0.2').ok).toBe(true);
  });

  it('admits again once a connection is released', () => {
    const caps = new ConnectionCaps({
      maxConnectionsPerIp: 1,
      maxUnauthenticatedPerIp: 0,
    });
    const first = admitted(caps.admit('10.0.0.1'));
    expect(caps.admit('10.0.0.1').ok).toBe(false);

    first.release();
    first.release();

    expect(caps.connectionsFrom('10.0.0.1')).toBe(0);
    expect(caps.admit('10.0.0.1').ok).toBe(true);
    expect(caps.connectionsFrom('10.0.0.1')).toBe(1);
  });

  it('caps connections waiting to log in separately from logged-in ones', () => {
    const caps = new ConnectionCaps({
      maxConnectionsPerIp: 10,
      maxUnauthenticatedPerIp: 2,
    });
    const a = admitted(caps.admit('10.0.0.1'));
    admitted(caps.admit('10.0.0.1'));

    const refused = caps.admit('10.0.0.1');
    expect(refused.ok).toBe(false);
    expect(refused.ok ? '' : refused.message).toMatch(/waiting to log in/);

    a.loggedIn();
    a.loggedIn();
    expect(caps.waitingFrom('10.0.0.1')).toBe(1);
    expect(caps.admit('10.0.0.1').ok).toBe(true);
    expect(caps.connectionsFrom('10.0.0.1')).toBe(3);
  });

  it('frees the waiting place of a connection closed before login', () => {
    const caps = new ConnectionCaps({
      maxConnectionsPerIp: 0,
      maxUnauthenticatedPerIp: 1,
    });
    const a = admitted(caps.admit('10.0.0.1'));
    a.release();
    a.loggedIn();

    expect(caps.waitingFrom('10.0.0.1')).toBe(0);
    expect(caps.admit('10.0.0.1').ok).toBe(true);
  });

  it('keeps no entry for an address with no connections left', () => {
    const caps = new ConnectionCaps({
      maxConnectionsPerIp: 5,
      maxUnauthenticatedPerIp: 5,
    });
    for (let i = 0; i < 1000; i++) {
      const admission = admitted(caps.admit(`10.0.${i >> 8}.${i & 255}`));
      if (i % 2 === 0) admission.loggedIn();
      admission.release();
    }
    expect(caps['open'].size).toBe(0);
    expect(caps['unauthenticated'].size).toBe(0);
  });
});
