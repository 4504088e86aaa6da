import dgram from 'node:dgram';
import type { AddressInfo } from 'node:net';
import dnsPacket from 'dns-packet';
import type { Answer } from 'dns-packet';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dnsStepSchema } from '@ganzhi/contracts';
import type { DnsRecordType } from '@ganzhi/contracts';
import { systemClock } from '@ganzhi/runtime';
import { CookieJar } from 'tough-cookie';
import { ALLOW_ALL_ADDRESSES, createAddressPolicy, type AddressPolicy } from '../safety/address-policy.js';
import type { StepContext, StepOutcome } from '../step-executor.js';
import { dnsStepExecutor } from './dns-step-executor.js';

// A fake zone served by a tiny UDP server, so no test touches the real DNS.
const ZONE: readonly Answer[] = [
  { type: 'A', name: 'www.ganzhi.test', data: '192.0.2.10' },
  { type: 'A', name: 'www.ganzhi.test', data: '192.0.2.11' },
  { type: 'AAAA', name: 'www.ganzhi.test', data: '2001:db8::10' },
  { type: 'CNAME', name: 'portal.ganzhi.test', data: 'www.ganzhi.test' },
  { type: 'MX', name: 'ganzhi.test', data: { preference: 20, exchange: 'mx2.ganzhi.test' } },
  { type: 'MX', name: 'ganzhi.test', data: { preference: 10, exchange: 'mx1.ganzhi.test' } },
  { type: 'TXT', name: 'ganzhi.test', data: ['v=spf1 ip4:192.0.2.0/24 ', '-all'] },
  { type: 'NS', name: 'ganzhi.test', data: 'ns1.ganzhi.test' },
];
/** Queries for this name are dropped, like a resolver behind a firewall that eats packets. */
const SILENT_NAME = 'silent.ganzhi.test';
const SERVFAIL_NAME = 'broken.ganzhi.test';
const RCODE_SERVFAIL = 2;
const RCODE_NXDOMAIN = 3;

let server: dgram.Socket;
let resolver = '';
let queriesReceived = 0;

beforeAll(async () => {
  server = dgram.createSocket('udp4');
  server.on('message', (message, remote) => {
    queriesReceived++;
    const reply = answerQuery(message);
    if (reply) server.send(reply, remote.port, remote.address);
  });
  await new Promise<void>((resolve) => server.bind(0, '127.0.0.1', resolve));
  resolver = `127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(() => new Promise<void>((resolve) => server.close(resolve)));

describe('dns step executor', () => {
  it('resolves A records against the chosen resolver and checks the expected answers', async () => {
    const { result, observation } = await probe({ query: 'www.ganzhi.test', expectAnswers: ['192.0.2.11'] });
    expect(result).toMatchObject({
      ok: true,
      kind: 'dns',
      index: 0,
      name: `dns A www.ganzhi.test @${resolver}`,
      errorClass: null,
      errorMessage: null,
    });
    expect(result.assertions).toEqual([
      { name: 'answer', ok: true, expected: '192.0.2.11', actual: 'present' },
    ]);
    expect(result.detail).toEqual({ answerCount: 2, resolver, recordType: 'A' });
    expect(observation?.body).toBe('192.0.2.10\n192.0.2.11');
  });

  it('counts the whole step as the dns phase', async () => {
    const { result, observation } = await probe({ query: 'www.ganzhi.test' });
    const { timings } = result;
    expect(timings.dnsMs).toBe(timings.totalMs);
    expect(timings.totalMs).toBeGreaterThan(0);
    expect([timings.connectMs, timings.tlsMs, timings.firstByteMs, timings.downloadMs]).toEqual([
      null,
      null,
      null,
      null,
    ]);
    expect(observation?.latencyMs).toBe(timings.totalMs);
  });

  it('matches an IPv6 answer written in another notation', async () => {
    const { result } = await probe({
      query: 'www.ganzhi.test',
      recordType: 'AAAA',
      expectAnswers: ['2001:0db8:0:0:0:0:0:10'],
    });
    expect(result.ok).toBe(true);
  });

  it('resolves a CNAME, matching names without case or the root dot', async () => {
    const { result, observation } = await probe({
      query: 'portal.ganzhi.test',
      recordType: 'CNAME',
      expectAnswers: ['WWW.Ganzhi.Test.'],
    });
    expect(result.ok).toBe(true);
    expect(observation?.body).toBe('www.ganzhi.test');
  });

  it('formats MX answers as "priority exchange" in preference order', async () => {
    const { result, observation } = await probe({
      query: 'ganzhi.test',
      recordType: 'MX',
      expectAnswers: ['10 mx1.ganzhi.test', '20 mx2.ganzhi.test'],
    });
    expect(result.ok).toBe(true);
    expect(observation?.body).toBe('10 mx1.ganzhi.test\n20 mx2.ganzhi.test');
  });

  it('joins the strings of a TXT record into one answer', async () => {
    const spf = 'v=spf1 ip4:192.0.2.0/24 -all';
    const { result, observation } = await probe({
      query: 'ganzhi.test',
      recordType: 'TXT',
      expectAnswers: [spf],
    });
    expect(result.ok).toBe(true);
    expect(observation?.body).toBe(spf);
  });

  it('resolves NS records', async () => {
    const { result } = await probe({
      query: 'ganzhi.test',
      recordType: 'NS',
      expectAnswers: ['ns1.ganzhi.test'],
    });
    expect(result.ok).toBe(true);
  });

  it('fails with assertion naming a missing answer, reporting every expected one', async () => {
    const { result, observation } = await probe({
      query: 'www.ganzhi.test',
      expectAnswers: ['192.0.2.10', '198.51.100.1'],
    });
    expect(result).toMatchObject({
      ok: false,
      errorClass: 'assertion',
      errorMessage: 'answer 198.51.100.1 missing (got 192.0.2.10, 192.0.2.11)',
    });
    expect(result.assertions.map((assertion) => [assertion.expected, assertion.ok])).toEqual([
      ['192.0.2.10', true],
      ['198.51.100.1', false],
    ]);
    expect(observation?.body).toBe('192.0.2.10\n192.0.2.11');
  });

  it('fails with dns and ENOTFOUND for a name that does not exist', async () => {
    const { result, observation } = await probe({ query: 'nothing.ganzhi.test' });
    expect(result).toMatchObject({ ok: false, errorClass: 'dns' });
    expect(result.errorMessage).toContain('ENOTFOUND');
    expect(result.detail).toEqual({ answerCount: null, resolver, recordType: 'A' });
    expect(observation).toBeUndefined();
  });

  it('fails with dns and ENODATA when the name has no records of the type', async () => {
    const { result } = await probe({ query: 'portal.ganzhi.test', recordType: 'MX' });
    expect(result).toMatchObject({ ok: false, errorClass: 'dns' });
    expect(result.errorMessage).toContain('ENODATA');
  });

  it('fails with dns and ESERVFAIL when the resolver reports a server failure', async () => {
    const { result } = await probe({ query: SERVFAIL_NAME });
    expect(result).toMatchObject({ ok: false, errorClass: 'dns' });
    expect(result.errorMessage).toContain('ESERVFAIL');
  });

  it('fails with connect_refused when nothing listens on the resolver port', async () => {
    const closedResolver = `127.0.0.1:${await findClosedUdpPort()}`;
    const { result } = await probe({ query: 'www.ganzhi.test', resolver: closedResolver });
    expect(result).toMatchObject({ ok: false, errorClass: 'connect_refused' });
    expect(result.errorMessage).toContain('ECONNREFUSED');
  });

  it('times out within the step budget when the resolver never answers', async () => {
    const { result } = await probe({ query: SILENT_NAME, timeoutMs: 300 });
    expect(result).toMatchObject({
      ok: false,
      errorClass: 'timeout',
      errorMessage: `timed out after 300 ms waiting for ${resolver}`,
    });
    expect(result.timings.totalMs).toBeGreaterThanOrEqual(290);
    expect(result.timings.totalMs).toBeLessThan(1000);
  });

  it('stops with timeout when the flow is aborted', async () => {
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 50);
    const { result } = await probe({ query: SILENT_NAME }, { signal: controller.signal });
    expect(result).toMatchObject({
      ok: false,
      errorClass: 'timeout',
      errorMessage: `aborted while waiting for ${resolver}`,
    });
    expect(result.timings.totalMs).toBeLessThan(1000);
  });

  it('sends no query when the flow was aborted before the step', async () => {
    const controller = new AbortController();
    controller.abort();
    const before = queriesReceived;
    const { result } = await probe({ query: 'www.ganzhi.test' }, { signal: controller.signal });
    expect(result).toMatchObject({
      ok: false,
      errorClass: 'timeout',
      errorMessage: 'aborted before the query was sent',
    });
    expect(result.timings.dnsMs).toBeNull();
    expect(queriesReceived).toBe(before);
  });

  it('refuses a resolver the address policy denies, without querying it', async () => {
    const before = queriesReceived;
    const addressPolicy = createAddressPolicy({ deny: ['127.0.0.0/8'] });
    const { result } = await probe({ query: 'www.ganzhi.test' }, { addressPolicy });
    expect(result).toMatchObject({ ok: false, errorClass: 'blocked' });
    expect(result.errorMessage).toContain('127.0.0.1 is in a denied address range');
    expect(queriesReceived).toBe(before);
  });

  it.each(['::1', '[::1]', '[::1]:5353'])(
    'checks the IPv6 resolver %s against the policy',
    async (ipv6Resolver) => {
      const addressPolicy = createAddressPolicy({ deny: ['::1/128'] });
      const { result } = await probe({ query: 'www.ganzhi.test', resolver: ipv6Resolver }, { addressPolicy });
      expect(result).toMatchObject({
        ok: false,
        errorClass: 'blocked',
        name: `dns A www.ganzhi.test @${ipv6Resolver}`,
      });
    },
  );
});

interface DnsProbeInput {
  query: string;
  recordType?: DnsRecordType;
  resolver?: string;
  expectAnswers?: string[];
  timeoutMs?: number;
}

async function probe(
  input: DnsProbeInput,
  overrides: { signal?: AbortSignal; addressPolicy?: AddressPolicy } = {},
): Promise<StepOutcome> {
  const context: StepContext = {
    index: 0,
    signal: overrides.signal ?? new AbortController().signal,
    clock: systemClock,
    addressPolicy: overrides.addressPolicy ?? ALLOW_ALL_ADDRESSES,
    cookies: new CookieJar(),
  };
  return dnsStepExecutor.execute(dnsStepSchema.parse({ kind: 'dns', resolver, ...input }), context);
}

/** The reply to one query: the zone's matching records, NXDOMAIN for unknown names, nothing for the silent name. */
function answerQuery(message: Buffer): Buffer | undefined {
  const query = dnsPacket.decode(message);
  const question = query.questions?.[0];
  if (!question) return undefined;
  const name = question.name.toLowerCase();
  if (name === SILENT_NAME) return undefined;
  const known = ZONE.filter((record) => record.name === name);
  const answers = known.filter((record) => record.type === question.type);
  let rcode = known.length === 0 ? RCODE_NXDOMAIN : 0;
  if (name === SERVFAIL_NAME) rcode = RCODE_SERVFAIL;
  return dnsPacket.encode({
    type: 'response',
    id: query.id,
    flags: dnsPacket.AUTHORITATIVE_ANSWER | dnsPacket.RECURSION_DESIRED | rcode,
    questions: query.questions,
    answers,
  });
}

/** A UDP port that was free a moment ago, so the kernel answers a query with "port unreachable". */
async function findClosedUdpPort(): Promise<number> {
  const socket = dgram.createSocket('udp4');
  await new Promise<void>((resolve) => socket.bind(0, '127.0.0.1', resolve));
  const { port } = socket.address();
  await new Promise<void>((resolve) => socket.close(resolve));
  return port;
}
