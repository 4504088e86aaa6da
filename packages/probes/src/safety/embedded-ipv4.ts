import ipaddr from 'ipaddr.js';

/** Byte offsets (0–15) of the IPv4 address inside an IPv6 address of some form. */
type Layout = readonly [number, number, number, number];

interface EmbeddingForm {
  readonly range: [ipaddr.IPv6, number];
  readonly layouts: readonly Layout[];
  /** Teredo stores the client's address with every bit flipped (RFC 4380 §4). */
  readonly inverted?: readonly Layout[];
}

const LAST_32_BITS: Layout = [12, 13, 14, 15];

/**
 * IPv6 forms whose packets end at (or are routed by) an IPv4 address. RFC 6052 §2.2 lets a NAT64 prefix in the
 * local-use 64:ff9b:1::/48 be /48, /56, /64 or /96 long, skipping bits 64–71, so each of those layouts is read.
 */
const EMBEDDING_FORMS: readonly EmbeddingForm[] = [
  { range: ipaddr.parseCIDR('::ffff:0:0/96') as [ipaddr.IPv6, number], layouts: [LAST_32_BITS] }, // mapped
  { range: ipaddr.parseCIDR('::ffff:0:0:0/96') as [ipaddr.IPv6, number], layouts: [LAST_32_BITS] }, // translated
  { range: ipaddr.parseCIDR('::/96') as [ipaddr.IPv6, number], layouts: [LAST_32_BITS] }, // compatible
  { range: ipaddr.parseCIDR('64:ff9b::/96') as [ipaddr.IPv6, number], layouts: [LAST_32_BITS] }, // NAT64
  {
    range: ipaddr.parseCIDR('64:ff9b:1::/48') as [ipaddr.IPv6, number],
    layouts: [[6, 7, 9, 10], [7, 9, 10, 11], [9, 10, 11, 12], LAST_32_BITS],
  },
  { range: ipaddr.parseCIDR('2002::/16') as [ipaddr.IPv6, number], layouts: [[2, 3, 4, 5]] }, // 6to4 router
  {
    range: ipaddr.parseCIDR('2001::/32') as [ipaddr.IPv6, number], // Teredo: server, then the client
    layouts: [[4, 5, 6, 7]],
    inverted: [LAST_32_BITS],
  },
];

/** ::1 is IPv6 loopback, not the IPv4-compatible form of 0.0.0.1. */
const LOOPBACK = ipaddr.parse('::1');

/**
 * The IPv4 addresses an IPv6 address carries (none for IPv4 and plain IPv6), so a policy can judge
 * `64:ff9b::a9fe:a9fe` as the 169.254.169.254 it leads to.
 *
 * @example embeddedIpv4Of(ipaddr.parse('2002:a9fe:a9fe::1')).map(String) // ['169.254.169.254']
 */
export function embeddedIpv4Of(address: ipaddr.IPv4 | ipaddr.IPv6): ipaddr.IPv4[] {
  if (address.kind() !== 'ipv6') return [];
  const v6 = address as ipaddr.IPv6;
  if (v6.toNormalizedString() === LOOPBACK.toNormalizedString()) return [];
  const bytes = v6.toByteArray();
  const read = (layout: Layout, mask: number) =>
    new ipaddr.IPv4(layout.map((offset) => ((bytes[offset] ?? 0) ^ mask) & 0xff));
  const carried: ipaddr.IPv4[] = [];
  for (const form of EMBEDDING_FORMS) {
    if (!v6.match(form.range)) continue;
    for (const layout of form.layouts) carried.push(read(layout, 0));
    for (const layout of form.inverted ?? []) carried.push(read(layout, 0xff));
  }
  return carried;
}
