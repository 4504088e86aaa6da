import { readFileSync } from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import net from 'node:net';
import type { AddressInfo, Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { httpStepSchema } from '@ganzhi/contracts';
import type { HttpStep, HttpStepInput, StepResult } from '@ganzhi/contracts';
import type { Clock } from '@ganzhi/runtime';
import { CookieJar } from 'tough-cookie';
import { ALLOW_ALL_ADDRESSES } from '../safety/address-policy.js';
import type { StepExecutor } from '../step-executor.js';
import { createHttpStepExecutor, httpStepExecutor } from './http-step-executor.js';

// Certificates for CN/SAN localhost + 127.0.0.1; how they were made is in testdata/README.md.
const readTestdata = (name: string): string =>
  readFileSync(new URL(`../../testdata/${name}`, import.meta.url), 'utf8');
const localhostCert = { cert: readTestdata('localhost-cert.pem'), key: readTestdata('localhost-key.pem') };
const expiredCert = { cert: readTestdata('expired-cert.pem'), key: readTestdata('expired-key.pem') };

const FIXED_NOW_MS = Date.UTC(2026, 10, 22, 8, 0, 0);
const fixedClock: Clock = { now: () => FIXED_NOW_MS, sleep: () => Promise.resolve() };

const hangingSockets = new Set<Socket>();
let httpBase = '';
let httpsPort = 0;
let expiredPort = 0;
let garbagePort = 0;
let resetPort = 0;
let closedPort = 0;
const servers: net.Server[] = [];
const serverSockets = new Set<Socket>();

beforeAll(async () => {
  httpBase = `http://127.0.0.1:${await listen(http.createServer(handleRoute))}`;
  httpsPort = await listen(https.createServer(localhostCert, handleRoute));
  expiredPort = await listen(https.createServer(expiredCert, handleRoute));
  // Not HTTP at all: the client's parser must reject the first bytes. Resumed so it notices the probe hanging up.
  garbagePort = await listen(
    net.createServer((socket) => socket.resume().end('SSH-2.0-OpenSSH_9.6\r\n\r\n')),
  );
  // A TCP RST as soon as the connection is accepted, like a crashing or filtering peer.
  resetPort = await listen(net.createServer((socket) => socket.resetAndDestroy()));
  closedPort = await findClosedPort();
});

afterAll(async () => {
  // Keeps teardown quick if a server still holds its end of a socket; that the probe closes its own end is what
  // the timeout test asserts.
  for (const socket of serverSockets) socket.destroy();
  await Promise.all(servers.map((server) => new Promise((resolve) => server.close(resolve))));
});

describe('http step executor', () => {
  it('measures connect, first byte and download over plain http to an IP, with no dns or tls phase', async () => {
    const result = await probe({ url: `${httpBase}/ok` });
    expect(result).toMatchObject({ ok: true, errorClass: null, errorMessage: null, kind: 'http', index: 0 });
    const { timings } = result;
    expect(timings.dnsMs).toBeNull();
    expect(timings.tlsMs).toBeNull();
    for (const phaseMs of [timings.connectMs, timings.firstByteMs, timings.downloadMs]) {
      expect(phaseMs).toBeGreaterThanOrEqual(0);
    }
    expect(timings.totalMs).toBeGreaterThanOrEqual(
      sumOf([timings.connectMs, timings.firstByteMs, timings.downloadMs]),
    );
    expect(result.detail).toMatchObject({
      status: 200,
      remoteAddress: '127.0.0.1',
      bytes: 12,
      httpVersion: '1.1',
    });
  });

  it('measures a dns phase when the URL names a host', async () => {
    const result = await probe({ url: `${httpBase.replace('127.0.0.1', 'localhost')}/ok` });
    expect(result.ok).toBe(true);
    expect(result.timings.dnsMs).toBeGreaterThanOrEqual(0);
  });

  it('takes startedAt from the injected clock', async () => {
    const result = await probe({ url: `${httpBase}/ok` });
    expect(result.startedAt).toBe(new Date(FIXED_NOW_MS).toISOString());
  });

  it('names an unnamed step by method and URL without its query string', async () => {
    const result = await probe({ url: `${httpBase}/ok?token=secret` });
    expect(result).toMatchObject({ ok: true, name: `GET ${httpBase}/ok` });
  });

  it('sends the method, headers and body of the step', async () => {
    const result = await probe({
      url: `${httpBase}/echo`,
      method: 'POST',
      headers: { 'x-probe': 'yes' },
      body: 'ping',
      bodyContains: 'POST yes ping',
    });
    expect(result.ok).toBe(true);
  });

  it('fails with http_status when a 500 answers a 2xx expectation', async () => {
    const result = await probe({ url: `${httpBase}/error` });
    expect(result).toMatchObject({
      ok: false,
      errorClass: 'http_status',
      errorMessage: 'status: expected 2xx, got 500',
    });
    expect(result.assertions).toEqual([{ name: 'status', ok: false, expected: '2xx', actual: '500' }]);
  });

  it('matches an exact expected status', async () => {
    expect((await probe({ url: `${httpBase}/created`, expectStatus: 201 })).ok).toBe(true);
    const wrong = await probe({ url: `${httpBase}/created`, expectStatus: 200 });
    expect(wrong).toMatchObject({ ok: false, errorClass: 'http_status' });
  });

  it('reports a redirect as its own status when redirects are not followed', async () => {
    const result = await probe({ url: `${httpBase}/redirect`, expectStatus: '3xx', maxRedirects: 0 });
    expect(result.ok).toBe(true);
    expect(result.detail).toMatchObject({ status: 302, location: '/ok', redirects: 0 });
  });

  it('follows a redirect on a fresh connection and adds up the phases of both hops', async () => {
    const result = await probe({ url: `${httpBase}/redirect`, bodyContains: 'ganzhi' });
    expect(result).toMatchObject({ ok: true, detail: { status: 200, redirects: 1 } });
    expect(result.timings.connectMs).toBeGreaterThanOrEqual(0);
  });

  it('passes bodyContains when the body has the text and fails with assertion when not', async () => {
    expect((await probe({ url: `${httpBase}/ok`, bodyContains: 'ganzhi' })).ok).toBe(true);
    const missing = await probe({ url: `${httpBase}/ok`, bodyContains: 'goodbye' });
    expect(missing).toMatchObject({ ok: false, errorClass: 'assertion' });
    expect(missing.assertions[1]).toEqual({
      name: 'body contains',
      ok: false,
      expected: 'goodbye',
      actual: 'not found',
    });
  });

  it('searches only the sampled start of the body but counts every byte', async () => {
    const executor = createHttpStepExecutor({ maxBodySampleBytes: 5 });
    const result = await probe({ url: `${httpBase}/ok`, bodyContains: 'ganzhi' }, { executor });
    expect(result).toMatchObject({ ok: false, errorClass: 'assertion' });
    expect(result.detail).toMatchObject({ bytes: 12, bodyTruncated: true });
  });

  it('fails with assertion when the response is slower than maxLatencyMs', async () => {
    const result = await probe({ url: `${httpBase}/slow`, maxLatencyMs: 20 });
    expect(result).toMatchObject({ ok: false, errorClass: 'assertion' });
    expect(result.assertions.find((assertion) => assertion.name === 'latency')?.ok).toBe(false);
  });

  it('times out waiting for the first byte and closes the connection', async () => {
    const closed = nextHangingSocketClosed();
    const result = await probe({ url: `${httpBase}/hang`, timeoutMs: 150 });
    expect(result).toMatchObject({
      ok: false,
      errorClass: 'timeout',
      errorMessage: 'timed out after 150 ms during first byte',
    });
    expect(result.timings.totalMs).toBeGreaterThanOrEqual(149);
    expect(result.timings.firstByteMs).toBeNull();
    await closed;
  });

  it('cuts off an endless body at the step timeout, keeping only a bounded sample', async () => {
    const result = await probe({ url: `${httpBase}/endless`, timeoutMs: 400, bodyContains: 'never there' });
    expect(result).toMatchObject({ ok: false, errorClass: 'timeout' });
    expect(result.errorMessage).toContain('during download');
    expect(Number(result.detail.bytes)).toBeGreaterThan(1024 * 1024);
  });

  it('stops with timeout when the flow is aborted', async () => {
    const controller = new AbortController();
    // Aborted once the server holds the request, so the probe is certainly waiting for the first byte.
    void nextHangingSocket().then(() => controller.abort());
    const result = await probe({ url: `${httpBase}/hang` }, { signal: controller.signal });
    expect(result).toMatchObject({
      ok: false,
      errorClass: 'timeout',
      errorMessage: 'aborted during first byte',
    });
  });

  it('does not connect at all when the flow was aborted before the step', async () => {
    const controller = new AbortController();
    controller.abort();
    const result = await probe({ url: `${httpBase}/ok` }, { signal: controller.signal });
    expect(result).toMatchObject({
      ok: false,
      errorClass: 'timeout',
      errorMessage: 'aborted before the request started',
    });
    expect(result.timings.connectMs).toBeNull();
  });

  it('returns an internal failure instead of throwing when Node rejects the request options', async () => {
    const result = await probe({ url: `${httpBase}/ok`, headers: { 'x-broken': 'line\nbreak' } });
    expect(result).toMatchObject({ ok: false, errorClass: 'internal' });
    expect(result.errorMessage).toContain('ERR_INVALID_CHAR');
  });

  it('fails with connect_refused when nothing listens on the port', async () => {
    const result = await probe({ url: `http://127.0.0.1:${closedPort}/` });
    expect(result).toMatchObject({ ok: false, errorClass: 'connect_refused' });
    expect(result.errorMessage).toContain('ECONNREFUSED');
  });

  it('fails with dns when the name does not resolve', async () => {
    // RFC 6761: names under .invalid never resolve, so this needs no network.
    const result = await probe({ url: 'http://ganzhi-probe-test.invalid/' });
    expect(result).toMatchObject({ ok: false, errorClass: 'dns' });
    expect(result.timings.connectMs).toBeNull();
  });

  it('fails with protocol when the peer does not speak HTTP', async () => {
    const result = await probe({ url: `http://127.0.0.1:${garbagePort}/` });
    expect(result).toMatchObject({ ok: false, errorClass: 'protocol' });
  });

  it('fails with connect_reset when the peer resets the connection', async () => {
    const result = await probe({ url: `http://127.0.0.1:${resetPort}/` });
    expect(result).toMatchObject({ ok: false, errorClass: 'connect_reset' });
  });
});

describe('http step executor over https', () => {
  const trusting = createHttpStepExecutor({ trustedCaPem: [localhostCert.cert, expiredCert.cert] });

  it('measures the tls phase and records the session for a trusted certificate', async () => {
    const result = await probe({ url: `https://localhost:${httpsPort}/ok` }, { executor: trusting });
    expect(result.ok).toBe(true);
    expect(result.timings.dnsMs).toBeGreaterThanOrEqual(0);
    expect(result.timings.tlsMs).toBeGreaterThan(0);
    expect(result.detail).toMatchObject({ status: 200, tlsProtocol: 'TLSv1.3', tlsAuthorized: true });
    expect(result.detail.tlsCertValidTo).toMatch(/^21\d\d-/);
  });

  it('fails with tls for a self-signed certificate unless insecureTls is set', async () => {
    const strict = await probe({ url: `https://127.0.0.1:${httpsPort}/ok` });
    expect(strict).toMatchObject({ ok: false, errorClass: 'tls' });
    expect(strict.errorMessage).toContain('self-signed');

    const insecure = await probe({ url: `https://127.0.0.1:${httpsPort}/ok`, insecureTls: true });
    expect(insecure.ok).toBe(true);
    expect(insecure.detail).toMatchObject({ tlsAuthorized: false });
  });

  it('fails with tls for an expired certificate even from a trusted issuer', async () => {
    const result = await probe({ url: `https://localhost:${expiredPort}/ok` }, { executor: trusting });
    expect(result).toMatchObject({ ok: false, errorClass: 'tls' });
    expect(result.errorMessage).toContain('expired');
    expect(result.timings.tlsMs).toBeNull();
  });
});

interface ProbeOptions {
  readonly executor?: StepExecutor<HttpStep>;
  readonly signal?: AbortSignal;
}

async function probe(input: Omit<HttpStepInput, 'kind'>, options: ProbeOptions = {}): Promise<StepResult> {
  const step = httpStepSchema.parse({ kind: 'http', timeoutMs: 2_000, ...input });
  const executor = options.executor ?? httpStepExecutor;
  const signal = options.signal ?? new AbortController().signal;
  const context = {
    index: 0,
    signal,
    clock: fixedClock,
    addressPolicy: ALLOW_ALL_ADDRESSES,
    cookies: new CookieJar(),
  };
  return (await executor.execute(step, context)).result;
}

function handleRoute(request: http.IncomingMessage, response: http.ServerResponse): void {
  switch (new URL(request.url ?? '/', 'http://test').pathname) {
    case '/ok':
      response.end('hello ganzhi');
      return;
    case '/echo':
      void readBody(request).then((body) =>
        response.end(`${request.method} ${String(request.headers['x-probe'])} ${body}`),
      );
      return;
    case '/error':
      response.writeHead(500).end('boom');
      return;
    case '/created':
      response.writeHead(201).end();
      return;
    case '/redirect':
      response.writeHead(302, { location: '/ok' }).end();
      return;
    case '/slow':
      setTimeout(() => response.end('slow'), 60);
      return;
    case '/endless': {
      // A body that never ends: 64 KiB every few milliseconds until the client hangs up.
      const chunk = Buffer.alloc(64 * 1024, 'x');
      const timer = setInterval(() => response.write(chunk), 2);
      response.once('close', () => clearInterval(timer));
      return;
    }
    default:
      // '/hang': never answers; the socket is remembered so tests can see the probe close it.
      hangingSockets.add(request.socket);
      request.socket.once('close', () => hangingSockets.delete(request.socket));
  }
}

async function readBody(request: http.IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

/** Resolves with the server side of the next request to '/hang', once the server has it. */
function nextHangingSocket(): Promise<Socket> {
  const before = new Set(hangingSockets);
  return new Promise((resolve) => {
    const poll = setInterval(() => {
      const socket = [...hangingSockets].find((candidate) => !before.has(candidate));
      if (!socket) return;
      clearInterval(poll);
      resolve(socket);
    }, 2);
  });
}

/** Resolves when the server side of the next '/hang' request closes (by the probe, since the server never does). */
async function nextHangingSocketClosed(): Promise<void> {
  const socket = await nextHangingSocket();
  if (socket.closed) return;
  await new Promise((resolve) => socket.once('close', resolve));
}

async function listen(server: net.Server): Promise<number> {
  servers.push(server);
  server.on('connection', (socket: Socket) => {
    serverSockets.add(socket);
    socket.once('close', () => serverSockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return (server.address() as AddressInfo).port;
}

/** A port that was just free: bound, then released, so connecting to it is refused. */
async function findClosedPort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

function sumOf(values: readonly (number | null)[]): number {
  return values.reduce<number>((sum, value) => sum + (value ?? 0), 0);
}
