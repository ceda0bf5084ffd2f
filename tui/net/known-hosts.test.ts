import { mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  decideTrust,
  hostKey,
  knownHostsPath,
  lookUpKnownHost,
  normalizeFingerprint,
  parseKnownHosts,
  rememberHost,
} from './known-hosts.ts';

const A = Array.from({ length: 32 }, () => 'AA').join(':');
const B = Array.from({ length: 32 }, () => 'BB').join(':');
const peer = {
  hostKey: 'chat.example:8080',
  authorized: false,
  fingerprint: A,
};
const policy = { knownHostsFile: '/home/u/.config/termchat/known_hosts' };

describe('knownHostsPath', () => {
  it('uses XDG_CONFIG_HOME when set, else ~/.config', () => {
    expect(knownHostsPath({ XDG_CONFIG_HOME: '/x/cfg' }, '/home/u')).toBe(
      '/x/cfg/termchat/known_hosts',
    );
    expect(knownHostsPath({}, '/home/u')).toBe(
      '/home/u/.config/termchat/known_hosts',
    );
  });
});

describe('hostKey and normalizeFingerprint', () => {
  it('writes IPv6 hosts in brackets and lower-cases names', () => {
    expect(hostKey('Chat.Example', 8080)).toBe('chat.example:8080');
    expect(hostKey('::1', 9000)).toBe('[::1]:9000');
  });

  it('reads fingerprints with or without colons and labels', () => {
    expect(normalizeFingerprint('aa'.repeat(32))).toBe(A);
    expect(normalizeFingerprint(`SHA256:${A.toLowerCase()}`)).toBe(A);
    expect(normalizeFingerprint('AA:BB')).toBeNull();
    expect(normalizeFingerprint('zz'.repeat(32))).toBeNull();
  });
});

describe('decideTrust', () => {
  it('trusts a certificate a CA vouches for', () => {
    expect(decideTrust({ ...peer, authorized: true }, policy)).toEqual({
      ok: true,
      how: 'ca',
    });
  });

  it('pins an unknown self-signed certificate on first use', () => {
    expect(decideTrust(peer, policy)).toEqual({ ok: true, how: 'first-use' });
  });

  it('accepts the certificate it pinned before', () => {
    expect(
      decideTrust(peer, { ...policy, known: { fingerprint: A, line: 1 } }),
    ).toEqual({ ok: true, how: 'known' });
  });

  it('refuses a changed certificate and says which line to delete', () => {
    const decision = decideTrust(peer, {
      ...policy,
      known: { fingerprint: B, line: 3 },
    });

    expect(decision.ok).toBe(false);
    const message = decision.ok ? '' : decision.message;
    expect(message).toContain(
      'WARNING: the certificate of chat.example:8080 has CHANGED',
    );
    expect(message).toContain(`Expected ${B}`);
    expect(message).toContain(
      'delete line 3 of /home/u/.config/termchat/known_hosts',
    );
  });

  it('accepts only the fingerprint given on the command line', () => {
    expect(
      decideTrust(
        { ...peer, authorized: true },
        { ...policy, pinnedFingerprint: B },
      ),
    ).toMatchObject({
      ok: false,
      message: expect.stringContaining(`not the ${B}`),
    });
    expect(decideTrust(peer, { ...policy, pinnedFingerprint: A })).toEqual({
      ok: true,
      how: 'fingerprint',
    });
  });

  it('refuses what the --ca file does not vouch for, without pinning', () => {
    expect(
      decideTrust(
        { ...peer, authorizationError: 'SELF_SIGNED_CERT_IN_CHAIN' },
        { ...policy, caFile: '/etc/my-ca.pem' },
      ),
    ).toEqual({
      ok: false,
      message:
        'The certificate of chat.example:8080 is not trusted by /etc/my-ca.pem (SELF_SIGNED_CERT_IN_CHAIN); not connecting.',
    });
  });
});

describe('the known-hosts file', () => {
  it('skips comments and broken lines and keeps line numbers', () => {
    const hosts = parseKnownHosts(
      `# pinned servers\n\nbroken-line\na:1 nonsense\nchat:8080 ${A}\n`,
    );

    expect([...hosts]).toEqual([['chat:8080', { fingerprint: A, line: 5 }]]);
  });

  it('creates the file private to the user and finds what it wrote', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'termchat-kh-'));
    const file = path.join(dir, 'termchat', 'known_hosts');

    expect(lookUpKnownHost(file, 'chat:8080')).toBeUndefined();
    rememberHost(file, 'chat:8080', A);
    rememberHost(file, 'other:1', B);

    expect(lookUpKnownHost(file, 'chat:8080')).toEqual({
      fingerprint: A,
      line: 1,
    });
    expect(readFileSync(file, 'utf8')).toBe(`chat:8080 ${A}\nother:1 ${B}\n`);
    expect(statSync(file).mode & 0o777).toBe(0o600);
  });
});
