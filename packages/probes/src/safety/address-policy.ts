import ipaddr from 'ipaddr.js';

/**
 * Which addresses probes may reach. Deny wins over allow; an empty allow list allows everything not denied.
 * Private ranges are allowed by default because operators probe their internal systems; link-local (cloud metadata
 * at 169.254.169.254 and friends) is denied by default.
 */
export interface AddressPolicy {
  /** Null when `address` (an IP literal) may be reached, else the reason it may not. */
  check(address: string): string | null;
}

export interface AddressPolicyOptions {
  /** CIDR ranges; when non-empty only these are reachable. */
  readonly allow?: readonly string[];
  readonly deny?: readonly string[];
}

export const DEFAULT_DENIED_RANGES: readonly string[] = [
  '169.254.0.0/16', // IPv4 link-local, including the cloud metadata service
  'fe80::/10', // IPv6 link-local
  'fd00:ec2::254/128', // AWS metadata over IPv6
  '100.100.100.200/32', // Alibaba Cloud metadata
  '0.0.0.0/8', // "this network": connecting there reaches the local host in surprising ways
];

type Range = [ipaddr.IPv4 | ipaddr.IPv6, number];

/** Parses CIDR ranges, throwing with the offending text so configuration errors name the value. */
export function parseRanges(ranges: readonly string[]): Range[] {
  return ranges.map((range) => {
    try {
      return ipaddr.parseCIDR(range.includes('/') ? range : `${range}/${range.includes(':') ? 128 : 32}`);
    } catch {
      throw new RangeError(`not a CIDR range: "${range}"`);
    }
  });
}

function matchesAny(address: ipaddr.IPv4 | ipaddr.IPv6, ranges: readonly Range[]): boolean {
  return ranges.some(([network, bits]) => {
    if (address.kind() !== network.kind()) return false;
    return address.match([network, bits] as Parameters<typeof address.match>[0]);
  });
}

export function createAddressPolicy(options: AddressPolicyOptions = {}): AddressPolicy {
  const allow = parseRanges(options.allow ?? []);
  const deny = parseRanges(options.deny ?? DEFAULT_DENIED_RANGES);
  return {
    check(address) {
      if (!ipaddr.isValid(address)) return `"${address}" is not an IP address`;
      const parsed = ipaddr.process(address); // IPv4-mapped IPv6 is judged as the IPv4 it carries
      if (matchesAny(parsed, deny)) return `${address} is in a denied address range`;
      if (allow.length > 0 && !matchesAny(parsed, allow))
        return `${address} is outside the allowed address ranges`;
      return null;
    },
  };
}

/** A policy that allows every address: for tests of code paths unrelated to safety. */
export const ALLOW_ALL_ADDRESSES: AddressPolicy = { check: () => null };
