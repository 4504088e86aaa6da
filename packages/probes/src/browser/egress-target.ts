import { lookup as dnsLookup } from 'node:dns/promises';
import { isIP } from 'node:net';
import type { ErrorClass } from '@ganzhi/contracts';
import ipaddr from 'ipaddr.js';
import type { AddressPolicy } from '../safety/address-policy.js';

/** Resolves a host name to its addresses; injectable so tests can play DNS, rebinding included. */
export type HostLookup = (hostname: string) => Promise<readonly string[]>;

/** The machine's resolver, as Node's `lookup` sees it (hosts file first), in the resolver's order. */
export const systemHostLookup: HostLookup = async (hostname) =>
  (await dnsLookup(hostname, { all: true, verbatim: true })).map((entry) => entry.address);

/** Where a proxied request goes, in WHATWG-canonical form (so `2130706434` and `0x7f.0.0.2` read `127.0.0.2`). */
export interface EgressTarget {
  /** As in a URL: lower case, IPv6 literals in brackets. */
  readonly hostname: string;
  readonly port: number;
  /** `hostname:port`: what refusals are recorded under and looked up by. */
  readonly key: string;
}

/** Why the proxy did not carry a request, in the terms a step result uses. */
export interface EgressRefusal {
  readonly errorClass: ErrorClass;
  /** The policy's reason for `blocked`; otherwise Chromium's name for the failure (`net::ERR_CONNECTION_REFUSED`). */
  readonly reason: string;
}

/** Addresses the proxy may connect to for a target (judged, IPv4-mapped ones unwrapped), or why it may not. */
export type TargetResolution =
  { readonly addresses: readonly string[] } | { readonly refusal: EgressRefusal };

const DEFAULT_PORTS: Readonly<Record<string, number>> = {
  'http:': 80,
  'ws:': 80,
  'https:': 443,
  'wss:': 443,
};

/** The target of an absolute http(s)/ws(s) URL; undefined for other schemes and for text that is not a URL. */
export function targetOfUrl(url: string): EgressTarget | undefined {
  if (!URL.canParse(url)) return undefined;
  const parsed = new URL(url);
  const defaultPort = DEFAULT_PORTS[parsed.protocol];
  if (defaultPort === undefined || parsed.hostname === '') return undefined;
  return targetOf(parsed.hostname, parsed.port === '' ? defaultPort : Number(parsed.port));
}

/** The target of a `CONNECT host:port` request; undefined unless it is exactly a host and a port. */
export function targetOfAuthority(authority: string): EgressTarget | undefined {
  if (!/^[^/?#@\s]+:\d{1,5}$/.test(authority)) return undefined;
  // Parsed as an http URL so the host gets the same canonical form as the URLs Chromium reports.
  const url = `http://${authority}`;
  if (!URL.canParse(url)) return undefined;
  const parsed = new URL(url);
  const port = Number(authority.slice(authority.lastIndexOf(':') + 1));
  if (parsed.hostname === '' || port < 1 || port > 65_535) return undefined;
  return targetOf(parsed.hostname, port);
}

function targetOf(hostname: string, port: number): EgressTarget {
  return { hostname, port, key: `${hostname}:${port}` };
}

/**
 * Resolves `target` once, here, and keeps only addresses `policy` allows: the proxy connects to exactly these,
 * never resolving again, so an answer that changes between judging and connecting (DNS rebinding) cannot matter.
 * IP literals are judged as they are; a name is refused when every address it resolves to is.
 *
 * @example const resolution = await resolveTarget(target, { policy, lookup: systemHostLookup });
 */
export async function resolveTarget(
  target: EgressTarget,
  judge: { readonly policy: AddressPolicy; readonly lookup: HostLookup },
): Promise<TargetResolution> {
  const host = target.hostname.replace(/^\[|\]$/g, '');
  if (isIP(host) !== 0) {
    const reason = judge.policy.check(host);
    return reason === null ? { addresses: [unwrapMapped(host)] } : blocked(reason);
  }
  let addresses: readonly string[];
  try {
    addresses = await judge.lookup(host);
  } catch {
    return { refusal: { errorClass: 'dns', reason: 'net::ERR_NAME_NOT_RESOLVED' } };
  }
  const first = addresses[0];
  if (first === undefined) return { refusal: { errorClass: 'dns', reason: 'net::ERR_NAME_NOT_RESOLVED' } };
  const allowed = addresses.filter((address) => judge.policy.check(address) === null);
  if (allowed.length === 0) return blocked(`${host} resolves to ${judge.policy.check(first) ?? first}`);
  return { addresses: allowed.map(unwrapMapped) };
}

function blocked(reason: string): TargetResolution {
  return { refusal: { errorClass: 'blocked', reason } };
}

/** `::ffff:127.0.0.2` → `127.0.0.2`: the policy judged the IPv4 address, so that is the one connected to. */
function unwrapMapped(address: string): string {
  return ipaddr.process(address).toString();
}
