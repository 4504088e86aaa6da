import { isIP } from 'node:net';
import type { AddressPolicy } from '../safety/address-policy.js';
import { systemHostLookup, type HostLookup } from './egress-target.js';

/** Schemes that never open a socket; everything else but http(s) and ws(s) is refused. */
const LOCAL_SCHEMES = new Set(['data:', 'blob:', 'about:']);
const NETWORK_SCHEMES = new Set(['http:', 'https:', 'ws:', 'wss:']);

/** What a request's target came to: allowed, refused by the policy, or a name that does not resolve. */
export type TargetVerdict =
  | { readonly kind: 'allow' }
  | { readonly kind: 'block'; readonly reason: string }
  | { readonly kind: 'unresolved' };

/** Judges a URL the browser is about to fetch. */
export type TargetJudge = (url: string) => Promise<TargetVerdict>;

/**
 * Builds the judge of one step's requests: the URL's host is resolved with `lookup` (the egress proxy's) and every
 * address it resolves to must pass `policy`. Verdicts are cached per host for the step, so a page with a hundred
 * assets costs one lookup per host. This is the early, explanatory layer: the egress proxy resolves again for each
 * connection and connects only to what it judged, which is what defeats an answer that changes (DNS rebinding).
 *
 * @example const judge = createTargetJudge(policy); if ((await judge(url)).kind !== 'allow') abort();
 */
export function createTargetJudge(policy: AddressPolicy, lookup: HostLookup = systemHostLookup): TargetJudge {
  const verdicts = new Map<string, Promise<TargetVerdict>>();
  return (url) => {
    const parsed = URL.canParse(url) ? new URL(url) : undefined;
    if (!parsed) return Promise.resolve({ kind: 'block', reason: `"${url}" is not a URL` });
    if (LOCAL_SCHEMES.has(parsed.protocol)) return Promise.resolve({ kind: 'allow' });
    if (!NETWORK_SCHEMES.has(parsed.protocol)) {
      return Promise.resolve({ kind: 'block', reason: `the ${parsed.protocol} scheme is not allowed` });
    }
    const host = parsed.hostname.replace(/^\[|\]$/g, '');
    let verdict = verdicts.get(host);
    if (!verdict) {
      verdict = judgeHost(host, { policy, lookup });
      verdicts.set(host, verdict);
    }
    return verdict;
  };
}

async function judgeHost(
  host: string,
  { policy, lookup }: { policy: AddressPolicy; lookup: HostLookup },
): Promise<TargetVerdict> {
  if (isIP(host) !== 0) {
    const reason = policy.check(host);
    return reason === null ? { kind: 'allow' } : { kind: 'block', reason };
  }
  let addresses: readonly string[];
  try {
    addresses = await lookup(host);
  } catch {
    return { kind: 'unresolved' };
  }
  for (const address of addresses) {
    const reason = policy.check(address);
    if (reason !== null) return { kind: 'block', reason: `${host} resolves to ${reason}` };
  }
  return addresses.length > 0 ? { kind: 'allow' } : { kind: 'unresolved' };
}
