import { describe, expect, it } from 'vitest';
import { addressKey } from './client-address.ts';

describe('addressKey', () => {
  it('keeps an IPv4 address as it is', () => {
    expect(addressKey('203.0.113.7')).toBe('203.0.113.7');
  });

  it('reads an IPv4-mapped IPv6 address as IPv4', () => {
    expect(addressKey('::ffff:127.0.0.1')).toBe('127.0.0.1');
    expect(addressKey('::FFFF:203.0.113.7')).toBe('203.0.113.7');
  });

  it('counts every address of one IPv6 /64 as one', () => {
    const a = addressKey('2001:db8:1:2:aaaa::1');
    const b = addressKey('2001:0db8:0001:0002:ffff:ffff:ffff:ffff');

    expect(a).toBe('2001:0db8:0001:0002::/64');
    expect(b).toBe(a);
    expect(addressKey('2001:db8:1:3::1')).not.toBe(a);
  });

  it('expands the short IPv6 forms', () => {
    expect(addressKey('::1')).toBe('0000:0000:0000:0000::/64');
    expect(addressKey('fe80::1%eth0')).toBe('fe80:0000:0000:0000::/64');
  });

  it('gives a missing address a key of its own', () => {
    expect(addressKey(undefined)).toBe('unknown');
  });
});
