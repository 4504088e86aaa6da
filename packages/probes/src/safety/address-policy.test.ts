import { describe, expect, it } from 'vitest';
import { DEFAULT_DENIED_RANGES, createAddressPolicy, parseRanges } from './address-policy.js';
import { BlockedAddressError, admitHost, createGuardedLookup } from './guarded-lookup.js';

describe('address policy', () => {
  const defaults = createAddressPolicy();

  it('denies cloud metadata and link-local by default', () => {
    expect(defaults.check('169.254.169.254')).toMatch(/denied/);
    expect(defaults.check('fe80::1')).toMatch(/denied/);
    expect(defaults.check('::ffff:169.254.169.254')).toMatch(/denied/);
  });

  it.each([
    ['Alibaba Cloud metadata', '100.100.100.200'],
    ['the Azure wire server', '168.63.129.16'],
    ['Oracle Cloud metadata', '192.0.0.192'],
    ['AWS metadata over IPv6', 'fd00:ec2::254'],
    ['"this network"', '0.0.0.0'],
    ['"this network" beyond its first address', '0.1.2.3'],
    ['the unspecified IPv6 address', '::'],
    ['link-local in upper case', 'FE80::A'],
  ])('denies %s (%s) by default', (_name, address) => {
    expect(defaults.check(address)).toBe(`${address} is in a denied address range`);
  });

  it.each([
    ['IPv4-mapped', '::ffff:a9fe:a9fe'],
    ['IPv4-compatible', '::169.254.169.254'],
    ['IPv4-translated', '::ffff:0:169.254.169.254'],
    ['NAT64', '64:ff9b::169.254.169.254'],
    ['NAT64 in hex', '64:ff9b::a9fe:a9fe'],
    ['local-use NAT64 /96', '64:ff9b:1::a9fe:a9fe'],
    ['local-use NAT64 /48', '64:ff9b:1:a9fe:a9:fe00::'],
    ['6to4', '2002:a9fe:a9fe::1'],
    ['6to4 of Alibaba metadata', '2002:6464:64c8::'],
    ['Teredo server', '2001:0:a9fe:a9fe::1'],
    ['Teredo client (bits flipped)', '2001:0:4136:e378:8000:63bf:5601:5601'],
    ['NAT64 of the Azure wire server', '64:ff9b::a83f:8110'],
  ])('judges the %s form of a denied IPv4 address as that address (%s)', (_form, address) => {
    expect(defaults.check(address)).toMatch(/denied/);
  });

  it('judges embedded IPv4 addresses against the configured deny and allow lists too', () => {
    const policy = createAddressPolicy({ allow: ['10.0.0.0/8'], deny: ['10.9.0.0/16'] });
    expect(policy.check('64:ff9b::10.9.1.1')).toMatch(/denied/);
    expect(policy.check('2002:0a09:0101::')).toMatch(/denied/);
    expect(policy.check('::ffff:10.1.1.1')).toBeNull();
    expect(policy.check('64:ff9b::10.1.1.1')).toBeNull();
    expect(policy.check('::ffff:192.168.1.1')).toMatch(/outside the allowed/);
  });

  it('denies scoped IPv6 addresses (zone ids) instead of failing on them', () => {
    expect(defaults.check('fe80::1%eth0')).toMatch(/scoped/);
    expect(defaults.check('::1%lo')).toMatch(/scoped/);
  });

  it('reads odd spellings of IPv4 addresses as the address they are', () => {
    const policy = createAddressPolicy({ deny: ['127.0.0.2/32'] });
    for (const spelling of ['2130706434', '0x7f000002', '0177.0.0.2', '0x7f.0.0.2', '127.2', '127.0.2']) {
      expect(policy.check(spelling)).toMatch(/denied/);
    }
    expect(policy.check('[::ffff:127.0.0.2]')).toMatch(/denied/);
  });

  it('refuses text that is not an address', () => {
    expect(defaults.check('metadata.internal')).toBe('"metadata.internal" is not an IP address');
    expect(defaults.check('1.2.3.4%eth0')).toMatch(/not an IP address/);
  });

  it('allows loopback, private and public ranges by default', () => {
    for (const address of [
      '127.0.0.1',
      '10.1.2.3',
      '192.168.1.10',
      '172.20.0.5',
      '::1',
      '8.8.8.8',
      '2001:db8::1',
    ]) {
      expect(defaults.check(address)).toBeNull();
    }
  });

  it('adds the configured deny list to the built-in one rather than replacing it', () => {
    const policy = createAddressPolicy({ deny: ['10.9.0.0/16'] });
    expect(policy.check('10.9.1.1')).toMatch(/denied/);
    for (const range of DEFAULT_DENIED_RANGES) {
      expect(policy.check(range.split('/')[0] ?? '')).toMatch(/denied/);
    }
  });

  it('restricts to the allow list when one is given, and deny still wins', () => {
    const policy = createAddressPolicy({
      allow: ['10.0.0.0/8', '127.0.0.1', '169.254.0.0/16'],
      deny: ['10.9.0.0/16'],
    });
    expect(policy.check('10.1.1.1')).toBeNull();
    expect(policy.check('127.0.0.1')).toBeNull();
    expect(policy.check('192.168.1.1')).toMatch(/outside the allowed/);
    expect(policy.check('10.9.1.1')).toMatch(/denied/);
    expect(policy.check('169.254.169.254')).toMatch(/denied/);
  });

  it('names a malformed range', () => {
    expect(() => parseRanges(['10.0.0.0/33'])).toThrow('not a CIDR range: "10.0.0.0/33"');
  });
});

describe('admitting hosts', () => {
  const policy = createAddressPolicy({ deny: ['127.0.0.2/32'] });

  it('refuses a denied IP literal in any spelling before any socket opens', () => {
    for (const host of [
      '169.254.169.254',
      '[fe80::1]',
      'fe80::1%eth0',
      '0x7f.0.0.2',
      '2130706434',
      '127.0.0.2.',
    ]) {
      expect(() => admitHost(policy, host)).toThrow(BlockedAddressError);
    }
  });

  it('gives the host to connect to in standard notation', () => {
    expect(admitHost(policy, 'localhost')).toBe('localhost');
    expect(admitHost(policy, 'Ganzhi.EXAMPLE.')).toBe('ganzhi.example.');
    expect(admitHost(policy, '0x7f.1')).toBe('127.0.0.1');
    expect(admitHost(policy, '[::1]')).toBe('::1');
  });

  it('refuses text that is neither a name nor an address rather than guessing', () => {
    for (const host of [
      '08.0.0.1',
      '1.2.3.4.5',
      'a@127.0.0.2',
      'a/b',
      'a\\b',
      'host name',
      '%31%32%37.0.0.2',
      '[x]',
    ]) {
      expect(() => admitHost(policy, host), host).toThrow(/not a host name or an IP address/);
    }
  });
});

describe('guarded lookup', () => {
  const lookupError = (lookup: ReturnType<typeof createGuardedLookup>, name: string) =>
    new Promise<unknown>((resolve) => lookup(name, {}, (error) => resolve(error)));

  it('refuses a name that resolves only to denied addresses', async () => {
    const policy = createAddressPolicy({ deny: ['127.0.0.0/8', '::1/128'] });
    expect(await lookupError(createGuardedLookup(policy), 'localhost')).toBeInstanceOf(BlockedAddressError);
  });

  it('judges the addresses an injected resolver gives, keeping only the allowed ones', async () => {
    const resolve = (name: string) =>
      Promise.resolve(name === 'half.test' ? ['64:ff9b::a9fe:a9fe', '10.0.0.7'] : ['::ffff:169.254.169.254']);
    const lookup = createGuardedLookup(createAddressPolicy(), resolve);
    expect(await lookupError(lookup, 'metadata.test')).toBeInstanceOf(BlockedAddressError);
    const all = await new Promise<unknown>((done) =>
      lookup('half.test', { all: true }, (_e, found) => done(found)),
    );
    expect(all).toEqual([{ address: '10.0.0.7', family: 4 }]);
  });

  it('judges an odd spelling of an address without asking the resolver', async () => {
    const asked: string[] = [];
    const resolve = (name: string) => {
      asked.push(name);
      return Promise.resolve(['10.0.0.7']);
    };
    const lookup = createGuardedLookup(createAddressPolicy({ deny: ['127.0.0.2/32'] }), resolve);
    expect(await lookupError(lookup, '0x7f.0.0.2')).toBeInstanceOf(BlockedAddressError);
    expect(asked).toEqual([]);
  });
});
