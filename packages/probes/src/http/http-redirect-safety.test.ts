import { readFileSync } from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { httpStepSchema } from '@ganzhi/contracts';
import type { HttpStepInput, StepResult } from '@ganzhi/contracts';
import type { Clock } from '@ganzhi/runtime';
import { CookieJar } from 'tough-cookie';
import { ALLOW_ALL_ADDRESSES, createAddressPolicy, type AddressPolicy } from '../safety/address-policy.js';
import type { HostResolver } from '../safety/guarded-lookup.js';
import { createHttpStepExecutor } from './http-step-executor.js';

const readTestdata = (name: string): string =>
  readFileSync(new URL(`../../testdata/${name}`, import.meta.url), 'utf8');
const localhostCert = { cert: readTestdata('localhost-cert.pem'), key: readTestdata('localhost-key.pem') };
const fixedClock: Clock = { now: () => Date.UTC(2026, 0, 1), sleep: () => Promise.resolve() };

/** Headers each server saw, by path, so a test can tell which hop carried what. */
const seen = new Map<string, http.IncomingHttpHeaders>();
const servers: (http.Server | https.Server)[] = [];
let origin = '';
let otherOrigin = '';
let otherHostOrigin = '';
let secureOrigin = '';
let deniedOrigin = '';

/** `/to?u=URL` redirects there; `/set-cookie` sets one, then redirects like `/to`; anything else records headers. */
function route(request: http.IncomingMessage, response: http.ServerResponse): void {
  const url = new URL(request.url ?? '/', 'http://test');
  const to = url.searchParams.get('u');
  if (url.pathname === '/set-cookie') response.setHeader('set-cookie', 'session=jar-value; Path=/');
  if (to !== null) {
    response.writeHead(302, { location: to }).end();
    return;
  }
  seen.set(`${request.headers.host ?? ''}${url.pathname}`, request.headers);
  response.end('ok');
}

beforeAll(async () => {
  const port = await listen(http.createServer(route), '127.0.0.1');
  origin = `http://127.0.0.1:${port}`;
  otherOrigin = `http://127.0.0.1:${await listen(http.createServer(route), '127.0.0.1')}`;
  otherHostOrigin = `http://localhost:${port}`;
  secureOrigin = `https://127.0.0.1:${await listen(https.createServer(localhostCert, route), '127.0.0.1')}`;
  deniedOrigin = `http://127.0.0.2:${await listen(http.createServer(route), '127.0.0.2')}`;
});

afterAll(async () => {
  await Promise.all(servers.map((server) => new Promise((resolve) => server.close(resolve))));
});

const credentials = {
  auth: { type: 'bearer', token: 'step-token' },
  headers: { 'x-api-key': 'key-123', cookie: 'explicit=1', 'proxy-authorization': 'Basic cHJveHk=' },
} as const;

const via = (start: string, target: string) => `${start}/to?u=${encodeURIComponent(target)}`;

describe('http step redirects', () => {
  it('keeps the step auth and headers on a same-origin redirect', async () => {
    const result = await probe({ url: via(origin, '/same'), ...credentials });
    expect(result.ok).toBe(true);
    expect(seen.get(`${new URL(origin).host}/same`)).toMatchObject({
      authorization: 'Bearer step-token',
      'x-api-key': 'key-123',
      cookie: 'explicit=1',
      'proxy-authorization': 'Basic cHJveHk=',
    });
  });

  it.each([
    ['another port', () => otherOrigin],
    ['another host', () => otherHostOrigin],
  ])(
    'leaves the step auth, headers and explicit cookies behind when a redirect goes to %s',
    async (_to, target) => {
      const result = await probe({ url: via(origin, `${target()}/cross`), ...credentials });
      expect(result.ok).toBe(true);
      const headers = seen.get(`${new URL(target()).host}/cross`) ?? {};
      for (const name of ['authorization', 'x-api-key', 'cookie', 'proxy-authorization']) {
        expect(headers[name], name).toBeUndefined();
      }
    },
  );

  it('does not send the credentials again when the chain returns to the origin', async () => {
    const back = via(otherOrigin, `${origin}/back`);
    const result = await probe({ url: via(origin, back), ...credentials });
    expect(result).toMatchObject({ ok: true, detail: { redirects: 2 } });
    expect(seen.get(`${new URL(origin).host}/back`)?.authorization).toBeUndefined();
  });

  it('sends jar cookies only to the host that set them', async () => {
    const result = await probe({
      url: `${origin}/set-cookie?u=${encodeURIComponent(`${otherHostOrigin}/jar`)}`,
    });
    expect(result.ok).toBe(true);
    expect(seen.get(`${new URL(otherHostOrigin).host}/jar`)?.cookie).toBeUndefined();
  });

  it('refuses a redirect from https to http as blocked, without connecting', async () => {
    seen.clear();
    const result = await probe({ url: via(secureOrigin, `${origin}/plain`), insecureTls: true });
    expect(result).toMatchObject({ ok: false, errorClass: 'blocked', detail: { redirects: 0 } });
    expect(result.errorMessage).toContain('redirect from https to http');
    expect(seen.size).toBe(0);
  });

  it('follows a redirect from https to http when the step allows it, leaving the credentials behind', async () => {
    const url = via(secureOrigin, `${origin}/downgraded`);
    const result = await probe({ url, insecureTls: true, allowInsecureRedirects: true, ...credentials });
    expect(result).toMatchObject({ ok: true, detail: { redirects: 1 } });
    expect(seen.get(`${new URL(origin).host}/downgraded`)?.authorization).toBeUndefined();
  });

  it('refuses redirects to schemes other than http and https', async () => {
    const result = await probe({ url: via(origin, 'file:///etc/passwd') });
    expect(result).toMatchObject({ ok: false, errorClass: 'blocked' });
    expect(result.errorMessage).toContain('file:');
  });

  it('checks every redirect hop against the address policy, literal or named', async () => {
    seen.clear();
    const addressPolicy = createAddressPolicy({ deny: ['127.0.0.2/32'] });
    const literal = await probe({ url: via(origin, `${deniedOrigin}/denied`) }, { addressPolicy });
    expect(literal).toMatchObject({ ok: false, errorClass: 'blocked' });
    const named = `http://denied.test:${new URL(deniedOrigin).port}/denied`;
    const resolveHost: HostResolver = (name) => Promise.resolve(name === 'denied.test' ? ['127.0.0.2'] : []);
    const byName = await probe({ url: via(origin, named) }, { addressPolicy, resolveHost });
    expect(byName).toMatchObject({ ok: false, errorClass: 'blocked' });
    expect(seen.size).toBe(0);
  });

  it('fails with protocol, rather than throwing, on a Location that is no URL', async () => {
    const result = await probe({ url: via(origin, 'http://[::1') });
    expect(result).toMatchObject({ ok: false, errorClass: 'protocol' });
  });

  it('fails with blocked, rather than throwing, when the rendered URL does not parse', async () => {
    const step = httpStepSchema.parse({ kind: 'http', url: `${origin}/` });
    const executor = createHttpStepExecutor();
    const { result } = await executor.execute({ ...step, url: 'http://[fe80::1%25eth0]/' }, contextFor());
    expect(result).toMatchObject({ ok: false, errorClass: 'blocked' });
  });
});

interface ProbeOptions {
  readonly addressPolicy?: AddressPolicy;
  readonly resolveHost?: HostResolver;
}

async function probe(input: Omit<HttpStepInput, 'kind'>, options: ProbeOptions = {}): Promise<StepResult> {
  const step = httpStepSchema.parse({ kind: 'http', timeoutMs: 2_000, ...input });
  const executor = createHttpStepExecutor(options.resolveHost ? { resolveHost: options.resolveHost } : {});
  return (await executor.execute(step, contextFor(options.addressPolicy))).result;
}

function contextFor(addressPolicy: AddressPolicy = ALLOW_ALL_ADDRESSES) {
  return {
    index: 0,
    signal: new AbortController().signal,
    clock: fixedClock,
    addressPolicy,
    cookies: new CookieJar(),
  };
}

async function listen(server: http.Server | https.Server, host: string): Promise<number> {
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, host, resolve));
  return (server.address() as AddressInfo).port;
}
