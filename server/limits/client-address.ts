/**
 * The key a client's address is counted under. IPv4-mapped IPv6 reads as
 * plain IPv4, and an IPv6 address counts as its /64 network, because one
 * host is routinely given a whole /64 and could rotate through it.
 */
import { isIPv4, isIPv6 } from 'node:net';

/** The /64 of an IPv6 address or the IPv4 address, for limits. */
export function addressKey(remoteAddress: string | undefined): string {
  if (!remoteAddress) return 'unknown';
  const address = remoteAddress.replace(/%.*$/, '').toLowerCase();

  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/.exec(address);
  if (mapped && isIPv4(mapped[1]!)) return mapped[1]!;
  if (isIPv4(address)) return address;
  if (!isIPv6(address)) return address;

  return `${expandIPv6(address).slice(0, 4).join(':')}::/64`;
}

/** The eight 16-bit groups of a valid IPv6 address, zero-padded. */
function expandIPv6(address: string): string[] {
  const [head = '', tail] = address.split('::');
  const headGroups = head === '' ? [] : head.split(':');
  const tailGroups = tail === undefined || tail === '' ? [] : tail.split(':');
  const zeros = new Array<string>(
    Math.max(0, 8 - headGroups.length - tailGroups.length),
  ).fill('0');
  return [...headGroups, ...zeros, ...tailGroups].map((group) =>
    group.padStart(4, '0'),
  );
}
