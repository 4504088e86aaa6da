import { lookup as dnsLookup } from 'node:dns/promises';
import { isIP, type LookupFunction } from 'node:net';
import type { AddressPolicy } from './address-policy.js';
import { normaliseHost } from './normalise-host.js';

/** The error a blocked target fails with; executors classify `EBLOCKED` as `blocked`. */
export class BlockedAddressError extends Error {
  readonly code = 'EBLOCKED';
}

/** Resolves a host name to its addresses; injectable so tests can play DNS (names into denied ranges, say). */
export type HostResolver = (hostname: string) => Promise<readonly string[]>;

/** The machine's resolver as Node's `lookup` sees it (hosts file first), in the resolver's order. */
export const systemHostResolver: HostResolver = async (hostname) =>
  (await dnsLookup(hostname, { all: true, verbatim: true })).map((entry) => entry.address);

/**
 * The host to connect to for `host`, normalised (see normaliseHost): an IP literal the policy allows, or a name,
 * which is judged at lookup. Throws BlockedAddressError for a denied literal and for text that is no host at all.
 *
 * @example net.connect({ host: admitHost(policy, step.host), port, lookup: createGuardedLookup(policy) })
 */
export function admitHost(policy: AddressPolicy, host: string): string {
  let normalised;
  try {
    normalised = normaliseHost(host);
  } catch (error) {
    throw new BlockedAddressError((error as Error).message, { cause: error });
  }
  if (normalised.kind === 'name') return normalised.name;
  const reason = policy.check(normalised.address);
  if (reason !== null) throw new BlockedAddressError(reason);
  return normalised.address;
}

/**
 * A `lookup` for net/tls/http that resolves with `resolve` and then refuses addresses outside the policy, so a
 * name cannot smuggle a probe to a denied range (the check sits between resolution and connect, defeating
 * rebinding). A host that is an odd spelling of an IP address is judged as that address, never resolved.
 */
export function createGuardedLookup(
  policy: AddressPolicy,
  resolve: HostResolver = systemHostResolver,
): LookupFunction {
  return (hostname, options, callback) => {
    const fail = (error: Error) => callback(error, '', 0);
    allowedAddresses(policy, { hostname, resolve }).then((found) => {
      const wanted = options.family === 4 || options.family === 6 ? options.family : 0;
      const addresses = found
        .map((address) => ({ address, family: isIP(address) }))
        .filter((entry) => wanted === 0 || entry.family === wanted);
      const first = addresses[0];
      if (first === undefined) return fail(noAddressOfFamily(hostname, wanted));
      if (options.all) return callback(null, addresses);
      return callback(null, first.address, first.family);
    }, fail);
  };
}

/** The addresses `hostname` resolves to that the policy allows; rejects when there are none. */
async function allowedAddresses(
  policy: AddressPolicy,
  target: { hostname: string; resolve: HostResolver },
): Promise<string[]> {
  const admitted = admitHost(policy, target.hostname);
  if (isIP(admitted) !== 0) return [admitted];
  const addresses = await target.resolve(admitted);
  const allowed = addresses.filter((address) => policy.check(address) === null);
  if (allowed.length > 0) return allowed;
  const first = addresses[0];
  if (first === undefined) throw noAddressOfFamily(target.hostname, 0);
  throw new BlockedAddressError(`${target.hostname}: ${policy.check(first) ?? 'no allowed address'}`);
}

/** Classified like getaddrinfo's own "no such name": the name exists, just not with a usable address. */
function noAddressOfFamily(hostname: string, family: 0 | 4 | 6): Error {
  const which = family === 0 ? 'address' : `IPv${family} address`;
  return Object.assign(new Error(`${hostname} has no ${which} to connect to`), { code: 'ENOTFOUND' });
}
