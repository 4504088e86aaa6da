import ipaddr from 'ipaddr.js';
import { embeddedIpv4Of } from './embedded-ipv4.js';

/**
 * Which addresses probes may reach. The built-in deny list always applies; `deny` adds to it and deny wins over
 * allow; an empty allow list allows everything not denied. Private ranges and loopback are allowed by default
 * because operators probe their internal systems; link-local and cloud metadata addresses are not.
 */
export interface AddressPolicy {
  /** Null when `address` (an IP literal) may be reached, else the reason it may not. */
  check(address: string): string | null;
}

export interface AddressPolicyOptions {
  /** CIDR ranges; when non-empty only these are reachable. */
  readonly allow?: readonly string[];
  /** CIDR ranges denied in addition to DEFAULT_DENIED_RANGES, which no setting can lift. */
  readonly deny?: readonly string[];
}

/**
 * Denied whatever the configuration says. IPv6 forms that carry an IPv4 address (mapped, compatible, translated,
 * NAT64, 6to4, Teredo) are judged as that IPv4 address too, so these ranges cover them without listing them.
 */
export const DEFAULT_DENIED_RANGES: readonly string[] = [
  '0.0.0.0/8', // "this network": connecting there reaches the local host in surprising ways
  '169.254.0.0/16', // IPv4 link-local, including the metadata service of AWS, GCP, Azure, OpenStack, Tencent
  '100.100.100.200/32', // Alibaba Cloud metadata
  '168.63.129.16/32', // Azure wire server (platform agent, DNS, health probes)
  '192.0.0.192/32', // Oracle Cloud metadata
  '::/128', // unspecified: like 0.0.0.0, a connect there reaches the local host
  'fe80::/10', // IPv6 link-local
  'fd00:ec2::254/128', // AWS metadata over IPv6
];

type Address = ipaddr.IPv4 | ipaddr.IPv6;
type Range = [Address, number];

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

function matchesAny(address: Address, ranges: readonly Range[]): boolean {
  return ranges.some(([network, bits]) => {
    if (address.kind() !== network.kind()) return false;
    return address.match([network, bits] as Parameters<typeof address.match>[0]);
  });
}

/** The address in `text` (brackets allowed), or undefined. ipaddr.js reads inet_aton's forms: `0x7f.1` is 127.0.0.1. */
function parseAddress(text: string): Address | undefined {
  const bare = text.startsWith('[') && text.endsWith(']') ? text.slice(1, -1) : text;
  return ipaddr.isValid(bare) ? ipaddr.parse(bare) : undefined;
}

/**
 * Builds the policy probes and scrapes connect through.
 *
 * @example
 * const policy = createAddressPolicy({ allow: ['10.0.0.0/8'], deny: ['10.9.0.0/16'] });
 * policy.check('10.9.1.1') // '10.9.1.1 is in a denied address range'
 * policy.check('::ffff:169.254.169.254') // denied: judged as the IPv4 address it carries
 */
export function createAddressPolicy(options: AddressPolicyOptions = {}): AddressPolicy {
  const allow = parseRanges(options.allow ?? []);
  const deny = parseRanges([...DEFAULT_DENIED_RANGES, ...(options.deny ?? [])]);
  return {
    check(address) {
      const parsed = parseAddress(address);
      if (parsed === undefined) return `"${address}" is not an IP address`;
      // A zone names an interface on this host (fe80::1%eth0); no probe target needs one.
      if (parsed.kind() === 'ipv6' && (parsed as ipaddr.IPv6).zoneId !== undefined) {
        return `${address} is a scoped IPv6 address, which probes may not use`;
      }
      const carried = embeddedIpv4Of(parsed);
      if ([parsed, ...carried].some((candidate) => matchesAny(candidate, deny))) {
        return `${address} is in a denied address range`;
      }
      // The IPv4 address an IPv6 form carries is where the packets end up, so it is what the allow list judges.
      const judged = carried.length > 0 ? carried : [parsed];
      if (allow.length > 0 && !judged.every((candidate) => matchesAny(candidate, allow))) {
        return `${address} is outside the allowed address ranges`;
      }
      return null;
    },
  };
}

/** A policy that allows every address: for tests of code paths unrelated to safety. */
export const ALLOW_ALL_ADDRESSES: AddressPolicy = { check: () => null };
