import { readFileSync } from 'node:fs';
import net from 'node:net';
import type { AddressInfo, Socket } from 'node:net';
import tls from 'node:tls';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tlsStepSchema } from '@ganzhi/contracts';
import type { Clock } from '@ganzhi/runtime';
import { CookieJar } from 'tough-cookie';
import { ALLOW_ALL_ADDRESSES, createAddressPolicy, type AddressPolicy } from '../safety/address-policy.js';
import type { StepContext, StepOutcome } from '../step-executor.js';
import { tlsStepExecutor } from './tls-step-executor.js';

// Self-signed certificates for CN/SAN localhost + 127.0.0.1; how they were made is in testdata/README.md.
const readTestdata = (name: string): string =>
  readFileSync(new URL(`../../testdata/${name}`, import.meta.url), 'utf8');
const localhostCert = { cert: readTestdata('localhost-cert.pem'), key: readTestdata('localhost-key.pem') };
const expiredCert = { cert: readTestdata('expired-cert.pem'), key: readTestdata('expired-key.pem') };
/** notAfter of localhost-cert.pem. */
const LOCALHOST_VALID_TO_MS = Date.UTC(2126, 9, 29, 19, 43, 51);
const DAY_MS = 24 * 60 * 60 * 1000;
/** Days are counted on the step's clock, so a fixed one keeps expiry verdicts the same whenever the tests run. */
const FIXED_NOW_MS = Date.UTC(2030, 0, 1, 0, 0, 0);

const servers: net.Server[] = [];
const serverSockets = new Set<Socket>();
/** SNI names the localhost server was sent, recorded before it answers the ClientHello, so before the probe settles. */
const serverNames: string[] = [];
let localhostPort = 0;
let expiredPort = 0;
let plainTextPort = 0;
let silentPort = 0;
let closedPort = 0;

beforeAll(async () => {
  const recordServerName: tls.TlsOptions['SNICallback'] = (servername, callback) => {
    serverNames.push(servername);
    callback(null, undefined); // the server's default context, i.e. its one certificate
  };
  localhostPort = await listen(tls.createServer({ ...localhostCert, SNICallback: recordServerName }));
  expiredPort = await listen(tls.createServer(expiredCert));
  // Not TLS at all: the handshake must fail on the first bytes. Resumed so it notices the probe hanging up.
  plainTextPort = await listen(net.createServer((socket) => socket.resume().end('SSH-2.0-OpenSSH_9.6\r\n')));
  // Accepts the connection but never answers the ClientHello.
  silentPort = await listen(net.createServer((socket) => socket.resume()));
  closedPort = await findClosedPort();
});

afterAll(async () => {
  for (const socket of serverSockets) socket.destroy();
  await Promise.all(servers.map((server) => new Promise((resolve) => server.close(resolve))));
});

describe('tls step executor', () => {
  it('fails with tls for a self-signed certificate when a trusted chain is required', async () => {
    const { result } = await probe({ host: '127.0.0.1', port: localhostPort });
    expect(result).toMatchObject({
      ok: false,
      kind: 'tls',
      name: `tls 127.0.0.1:${localhostPort}`,
      errorClass: 'tls',
      errorMessage: 'certificate chain not trusted: DEPTH_ZERO_SELF_SIGNED_CERT',
    });
    expect(result.assertions.find((assertion) => assertion.name === 'trusted chain')).toEqual({
      name: 'trusted chain',
      ok: false,
      expected: 'trusted',
      actual: 'DEPTH_ZERO_SELF_SIGNED_CERT',
    });
  });

  it('reports an untrusted chain without failing when trust is not required', async () => {
    const { result, observation } = await probe({
      host: '127.0.0.1',
      port: localhostPort,
      requireTrustedChain: false,
    });
    expect(result).toMatchObject({ ok: true, errorClass: null, errorMessage: null });
    expect(result.detail).toMatchObject({
      remoteAddress: '127.0.0.1',
      protocol: 'TLSv1.3',
      subject: 'localhost',
      issuer: 'localhost',
      subjectAltNames: 'DNS:localhost, IP Address:127.0.0.1',
      validTo: '2126-10-29T19:43:51.000Z',
      daysToExpiry: Math.floor((LOCALHOST_VALID_TO_MS - FIXED_NOW_MS) / DAY_MS),
      chainLength: 1,
      authorized: false,
      authorizationError: 'DEPTH_ZERO_SELF_SIGNED_CERT',
    });
    expect(result.detail.cipher).toMatch(/^TLS_/);
    expect(result.assertions.map((assertion) => [assertion.name, assertion.ok])).toEqual([
      ['days to expiry', true],
      ['hostname', true],
    ]);
    expect(observation).toEqual({ latencyMs: result.timings.totalMs });
  });

  it('times connect and handshake to an IP literal, with no dns phase and no SNI', async () => {
    const namesBefore = serverNames.length;
    const { result } = await probe({ host: '127.0.0.1', port: localhostPort, requireTrustedChain: false });
    const { timings } = result;
    expect(timings.dnsMs).toBeNull();
    expect(timings.connectMs).toBeGreaterThanOrEqual(0);
    expect(timings.tlsMs).toBeGreaterThan(0);
    expect(timings.firstByteMs).toBeNull();
    expect(timings.downloadMs).toBeNull();
    expect(timings.totalMs).toBeGreaterThanOrEqual((timings.connectMs ?? 0) + (timings.tlsMs ?? 0));
    expect(serverNames).toHaveLength(namesBefore);
  });

  it('resolves a host name, sends it as SNI and matches it against the certificate', async () => {
    const { result } = await probe({ host: 'localhost', port: localhostPort, requireTrustedChain: false });
    expect(result.ok).toBe(true);
    expect(result.timings.dnsMs).toBeGreaterThanOrEqual(0);
    expect(serverNames.at(-1)).toBe('localhost');
  });

  it('fails with tls when the certificate does not match the servername', async () => {
    const { result } = await probe({
      host: '127.0.0.1',
      port: localhostPort,
      servername: 'wrong.example',
      requireTrustedChain: false,
    });
    expect(result).toMatchObject({ ok: false, errorClass: 'tls' });
    expect(result.errorMessage).toContain("Host: wrong.example. is not in the cert's altnames");
    expect(result.assertions.find((assertion) => assertion.name === 'hostname')).toEqual({
      name: 'hostname',
      ok: false,
      expected: 'wrong.example',
      actual: 'DNS:localhost, IP Address:127.0.0.1',
    });
    expect(serverNames.at(-1)).toBe('wrong.example');
  });

  it('fails with tls for an expired certificate, naming how long ago, before the trust failure', async () => {
    const { result } = await probe({ host: '127.0.0.1', port: expiredPort });
    // 2020-01-02 to 2030-01-01: ten years with three leap days, less one day.
    expect(result).toMatchObject({
      ok: false,
      errorClass: 'tls',
      errorMessage: 'certificate expired 3652 days ago',
    });
    expect(result.detail).toMatchObject({ validTo: '2020-01-02T00:00:00.000Z', daysToExpiry: -3652 });
  });

  it('fails with assertion when the certificate expires sooner than minDaysToExpiry', async () => {
    const nowMs = LOCALHOST_VALID_TO_MS - 5 * DAY_MS - 60 * 60 * 1000;
    const { result } = await probe(
      { host: '127.0.0.1', port: localhostPort, minDaysToExpiry: 14, requireTrustedChain: false },
      { clock: fixedClock(nowMs) },
    );
    expect(result).toMatchObject({
      ok: false,
      errorClass: 'assertion',
      errorMessage: 'certificate expires in 5 days',
    });
    expect(result.assertions[0]).toEqual({
      name: 'days to expiry',
      ok: false,
      expected: '>= 14 days',
      actual: '5 days',
    });
    expect(result.detail.daysToExpiry).toBe(5);
  });

  it('ranks a tls failure above a near expiry', async () => {
    const nowMs = LOCALHOST_VALID_TO_MS - 5 * DAY_MS;
    const { result } = await probe({ host: '127.0.0.1', port: localhostPort }, { clock: fixedClock(nowMs) });
    expect(result).toMatchObject({ ok: false, errorClass: 'tls' });
    expect(result.assertions.filter((assertion) => !assertion.ok)).toHaveLength(2);
  });

  it('fails with connect_refused when nothing listens on the port', async () => {
    const { result, observation } = await probe({ host: '127.0.0.1', port: closedPort });
    expect(result).toMatchObject({ ok: false, errorClass: 'connect_refused', assertions: [], detail: {} });
    expect(result.errorMessage).toContain('ECONNREFUSED');
    expect(observation).toBeUndefined();
  });

  it('fails with tls when the peer does not speak TLS', async () => {
    const { result } = await probe({ host: '127.0.0.1', port: plainTextPort });
    expect(result).toMatchObject({ ok: false, errorClass: 'tls' });
  });

  it('times out during the handshake when the peer never answers it', async () => {
    const { result } = await probe({ host: '127.0.0.1', port: silentPort, timeoutMs: 150 });
    expect(result).toMatchObject({
      ok: false,
      errorClass: 'timeout',
      errorMessage: 'timed out after 150 ms during tls',
    });
    expect(result.timings.connectMs).toBeGreaterThanOrEqual(0);
    expect(result.timings.tlsMs).toBeNull();
  });

  it('stops with timeout when the flow is aborted', async () => {
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 50);
    const { result } = await probe({ host: '127.0.0.1', port: silentPort }, { signal: controller.signal });
    expect(result).toMatchObject({ ok: false, errorClass: 'timeout', errorMessage: 'aborted during tls' });
  });

  it('does not connect when the flow was aborted before the step', async () => {
    const controller = new AbortController();
    controller.abort();
    const { result } = await probe({ host: '127.0.0.1', port: localhostPort }, { signal: controller.signal });
    expect(result).toMatchObject({
      ok: false,
      errorClass: 'timeout',
      errorMessage: 'aborted before connecting',
    });
  });

  it('refuses an address the policy denies', async () => {
    const addressPolicy = createAddressPolicy({ deny: ['127.0.0.0/8'] });
    const { result } = await probe({ host: '127.0.0.1', port: localhostPort }, { addressPolicy });
    expect(result).toMatchObject({ ok: false, errorClass: 'blocked' });
  });
});

function fixedClock(nowMs: number): Clock {
  return { now: () => nowMs, sleep: () => Promise.resolve() };
}

async function probe(
  input: {
    host: string;
    port: number;
    servername?: string;
    minDaysToExpiry?: number;
    requireTrustedChain?: boolean;
    timeoutMs?: number;
  },
  overrides: { signal?: AbortSignal; addressPolicy?: AddressPolicy; clock?: Clock } = {},
): Promise<StepOutcome> {
  const context: StepContext = {
    index: 0,
    signal: overrides.signal ?? new AbortController().signal,
    clock: overrides.clock ?? fixedClock(FIXED_NOW_MS),
    addressPolicy: overrides.addressPolicy ?? ALLOW_ALL_ADDRESSES,
    cookies: new CookieJar(),
  };
  return tlsStepExecutor.execute(tlsStepSchema.parse({ kind: 'tls', ...input }), context);
}

async function listen(server: net.Server): Promise<number> {
  // TLS servers report accepted TCP sockets on 'connection' too, before any handshake.
  server.on('connection', (socket: Socket) => {
    serverSockets.add(socket);
    socket.on('close', () => serverSockets.delete(socket));
  });
  // A probe that hangs up mid-handshake makes the server emit this; it is expected, not a test failure.
  server.on('tlsClientError', () => undefined);
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return (server.address() as AddressInfo).port;
}

/** A port that was free a moment ago: listened on, then closed, so a connect is refused. */
async function findClosedPort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}
