import { isIP } from 'node:net';

/** A step's host as a connection reaches it: an IP literal in standard notation, or a host name. */
export type NormalisedHost =
  { readonly kind: 'ip'; readonly address: string } | { readonly kind: 'name'; readonly name: string };

/**
 * Letters (any script, for IDNs), digits, dots, hyphens and underscores. Anything else (`@`, `/`, `\`, `%`, `:`,
 * spaces) would mean something else to a URL parser than to the resolver, so such a host is refused, not guessed at.
 */
const HOST_NAME_PATTERN = /^[\p{L}\p{M}\p{N}._-]+$/u;

/**
 * Reads a raw host (tcp, tls and dns steps, URL host names) the way the WHATWG URL parser reads the host of an
 * http URL, so an odd spelling of an address is judged as the address it is: `0x7f.1`, `2130706433`, `0177.0.0.1`,
 * `127.1` and `127.0.0.1.` all become 127.0.0.1, `[::1]` becomes ::1, names are lower-cased and IDNs punycoded.
 * This matters because the system resolver (getaddrinfo, via inet_aton) turns those spellings into addresses too.
 * Throws a RangeError for text that is neither a host name nor an IP address.
 *
 * @example normaliseHost('0x7F.1') // { kind: 'ip', address: '127.0.0.1' }
 */
export function normaliseHost(host: string): NormalisedHost {
  const bare = host.startsWith('[') && host.endsWith(']') ? host.slice(1, -1) : host;
  // Standard IPv4 and IPv6 literals (zone ids included, which the policy judges) pass as they are.
  if (isIP(bare) !== 0) return { kind: 'ip', address: bare };
  if (bare !== host || !HOST_NAME_PATTERN.test(bare)) throw notAHost(host);
  let hostname: string;
  try {
    hostname = new URL(`http://${bare}/`).hostname;
  } catch {
    // The URL parser refuses what looks numeric but is not an address (`08.1`, `1.2.3.4.5`, `0x`).
    throw notAHost(host);
  }
  return isIP(hostname) === 0 ? { kind: 'name', name: hostname } : { kind: 'ip', address: hostname };
}

function notAHost(host: string): RangeError {
  return new RangeError(`"${host}" is not a host name or an IP address`);
}

/** Whether connecting to `host` starts with a lookup (false for addresses in any spelling, and for non-hosts). */
export function isHostName(host: string): boolean {
  try {
    return normaliseHost(host).kind === 'name';
  } catch {
    return false;
  }
}
