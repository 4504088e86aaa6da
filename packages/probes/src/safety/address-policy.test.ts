import { describe, expect, it } from 'vitest';
import { createAddressPolicy, parseRanges } from './address-policy.js';
import { BlockedAddressError, assertLiteralAllowed, createGuardedLookup } from './guarded-lookup.js';

describe('address policy', () => {
  const defaults = createAddressPolicy();

  it('denies cloud metadata and link-local by default', () => {
    expect(defaults.check('169.254.169.254')).toMatch(/denied/);
    expect(defaults.check('fe80::1')).toMatch(/denied/);
    expect(defaults.check('::ffff:169.254.169.254')).toMatch(/denied/);
  });

  it('allows loopback, private and public ranges by default', () => {
    for (const address of ['127.0.0.1', '10.1.2.3', '192.168.1.10', '172.20.0.5', '::1', '8.8.8.8']) {
      expect(defaults.check(address)).toBeNull();
    }
  });

  it('restricts to the allow list when one is given, and deny still wins', () => {
    const policy = createAddressPolicy({ allow: ['10.0.0.0/8', '127.0.0.1'], deny: ['10.9.0.0/16'] });
    expect(policy.check('10.1.1.1')).toBeNull();
    expect(policy.check('127.0.0.1')).toBeNull();
    expect(policy.check('192.168.1.1')).toMatch(/outside the allowed/);
    expect(policy.check('10.9.1.1')).toMatch(/denied/);
  });

  it('names a malformed range', () => {
    expect(() => parseRanges(['10.0.0.0/33'])).toThrow('not a CIDR range: "10.0.0.0/33"');
  });

  it('refuses a denied IP literal before any socket opens', () => {
    expect(() => assertLiteralAllowed(defaults, '169.254.169.254')).toThrow(BlockedAddressError);
    expect(() => assertLiteralAllowed(defaults, '[fe80::1]')).toThrow(BlockedAddressError);
    expect(() => assertLiteralAllowed(defaults, 'localhost')).not.toThrow();
  });

  it('refuses a name that resolves only to denied addresses', async () => {
    const policy = createAddressPolicy({ deny: ['127.0.0.0/8', '::1/128'] });
    const lookup = createGuardedLookup(policy);
    const error = await new Promise<unknown>((resolve) => lookup('localhost', {}, (err) => resolve(err)));
    expect(error).toBeInstanceOf(BlockedAddressError);
  });
});
