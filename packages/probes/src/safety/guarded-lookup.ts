import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import { isIP, type LookupFunction } from 'node:net';
import type { AddressPolicy } from './address-policy.js';

/** The error a blocked target fails with; executors classify `EBLOCKED` as `blocked`. */
export class BlockedAddressError extends Error {
  readonly code = 'EBLOCKED';
}

/** Throws BlockedAddressError when `host` is an IP literal the policy refuses (names are checked at lookup). */
export function assertLiteralAllowed(policy: AddressPolicy, host: string): void {
  const bare = host.replace(/^\[|\]$/g, '');
  if (isIP(bare) === 0) return;
  const reason = policy.check(bare);
  if (reason !== null) throw new BlockedAddressError(reason);
}

/**
 * A `lookup` for net/tls/http that resolves like Node's and then refuses addresses outside the policy, so a name
 * cannot smuggle a probe to a denied range (the check sits between resolution and connect, defeating rebinding).
 */
export function createGuardedLookup(policy: AddressPolicy): LookupFunction {
  return (hostname, options, callback) => {
    dnsLookup(hostname, { ...options, all: true }, (error, addresses: LookupAddress[]) => {
      if (error) return callback(error, '', 0);
      const allowed = addresses.filter((entry) => policy.check(entry.address) === null);
      if (allowed.length === 0) {
        const reason = addresses[0]
          ? policy.check(addresses[0].address)
          : `${hostname} resolved to no address`;
        return callback(new BlockedAddressError(reason ?? 'blocked'), '', 0);
      }
      if (options.all) return callback(null, allowed);
      const first = allowed[0];
      return callback(null, first?.address ?? '', first?.family ?? 4);
    });
  };
}
