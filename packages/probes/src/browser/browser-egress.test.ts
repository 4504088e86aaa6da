import { existsSync } from 'node:fs';
import http from 'node:http';
import { createServer, type AddressInfo, type Server, type Socket } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { browserStepSchema, type StepResult } from '@ganzhi/contracts';
import { systemClock } from '@ganzhi/runtime';
import { CookieJar } from 'tough-cookie';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserLauncher } from '../browser-launcher.js';
import { createAddressPolicy } from '../safety/address-policy.js';
import { browserStepExecutor } from './browser-step-executor.js';
import { createChromiumLauncher } from './chromium-launcher.js';
import { systemHostLookup, type HostLookup } from './egress-target.js';

// See browser-step-executor.test.ts: CI sets GANZHI_REQUIRE_E2E=1 so a missing Chromium fails instead of skipping.
const hasChromium = process.env.GANZHI_REQUIRE_E2E === '1' || existsSync('/usr/bin/chromium');

/**
 * The canary stands for an internal service (cloud metadata) on 127.0.0.2, which every step here may not reach; it
 * counts the connections it accepts, and must accept none. It listens on the pages' own port number too, so a name
 * that rebinds from 127.0.0.1 to 127.0.0.2 would land on it.
 */
const policy = createAddressPolicy({ deny: ['127.0.0.2/32'] });
const canaries: Server[] = [];
const canarySockets = new Set<Socket>();
let canaryConnections = 0;
/** The count as the current test's step started: each test asserts on its own connections. */
let connectionsBefore = 0;
let canaryPort = 0;
let pages: http.Server;
let pagePort = 0;
const hits = new Map<string, number>();
let launcher: BrowserLauncher;
/** Where `rebind.test` points: the pages' address until its page is served, then the canary's (DNS rebinding). */
let rebindAddress = '127.0.0.1';

/** Names the step's egress proxy resolves: two more sites for cross-site frames, and names into the canary. */
const lookup: HostLookup = (hostname) => {
  if (hostname === 'site-b.test' || hostname === 'site-c.test') return Promise.resolve(['127.0.0.1']);
  if (hostname === 'canary.test') return Promise.resolve(['127.0.0.2']);
  if (hostname === 'rebind.test') return Promise.resolve([rebindAddress]);
  return systemHostLookup(hostname);
};

/** Every spelling of the canary a page might use: the address, odd forms of it, and a name for it. */
function canaryUrls(scheme: 'http' | 'ws', path: string): string[] {
  return ['127.0.0.2', '2130706434', '0x7f.0.0.2', '[::ffff:127.0.0.2]', 'canary.test'].map(
    (host) => `${scheme}://${host}:${canaryPort}${path}`,
  );
}

function page(body: string, head = ''): string {
  return `<!doctype html><html><head><meta charset="utf-8">${head}</head><body>${body}</body></html>`;
}

/** Fetches and sockets to every canary spelling, then one allowed fetch that proves the script ran. */
function probeScript(): string {
  return `const probe = async () => {
    await Promise.all(${JSON.stringify(canaryUrls('http', '/from-script'))}.map((url) => fetch(url, { mode: 'no-cors' }).catch(() => null)));
    await Promise.all(${JSON.stringify(canaryUrls('ws', '/socket'))}.map((url) => new Promise((done) => {
      try { const socket = new WebSocket(url); socket.onerror = socket.onclose = done; } catch { done(); }
    })));
    await fetch('/allowed-hit');
  };`;
}

const ROUTES: Record<string, () => string> = {
  '/nested': () => page(`<p>outer</p><iframe src="http://site-b.test:${pagePort}/frame-b"></iframe>`),
  '/frame-b': () => page(`<p>b</p><iframe src="http://site-c.test:${pagePort}/to-canary"></iframe>`),
  '/workers': () =>
    page(`<p id="status">starting</p><script>
      let done = 0;
      const finish = () => { if (++done === 2) document.querySelector('#status').textContent = 'workers done'; };
      new Worker('/worker.js').onmessage = finish;
      const shared = new SharedWorker('/worker.js');
      shared.port.onmessage = finish;
      shared.port.start();
    </script>`),
  '/worker.js': () => `${probeScript()}
    const ran = probe();
    if ('onconnect' in self) self.onconnect = (event) => ran.then(() => event.ports[0].postMessage('done'));
    else ran.then(() => postMessage('done'));`,
  '/service-worker': () =>
    page(`<p id="status">starting</p><script>
      const show = (text) => { document.querySelector('#status').textContent = text; };
      navigator.serviceWorker.register('/sw.js').then(() => show('sw settled'), () => show('sw settled'));
    </script>`),
  '/sw.js': () => `${probeScript()} self.addEventListener('install', (event) => event.waitUntil(probe()));`,
  '/hints': () =>
    page(
      '<p>hints</p>',
      [...canaryUrls('http', ''), ...canaryUrls('http', '').map((url) => url.replace('http:', 'https:'))]
        .map((url) => `<link rel="preconnect" href="${url}"><link rel="dns-prefetch" href="${url}">`)
        .join(''),
    ),
  '/script': () =>
    page(`<p id="status">starting</p>
      ${canaryUrls('http', '/img')
        .map((url) => `<img src="${url}" alt="">`)
        .join('')}
      <script>${probeScript()} probe().then(() => { document.querySelector('#status').textContent = 'probed'; });</script>`),
  '/rebind': () =>
    page(`<p id="status">starting</p><script>
      fetch('/again').then((response) => response.status, () => 'failed').then((status) => {
        document.querySelector('#status').textContent = 'second request: ' + status;
      });
    </script>`),
  '/allowed-hit': () => 'ok',
  '/again': () => 'again',
};

function handle(request: http.IncomingMessage, response: http.ServerResponse): void {
  const path = new URL(request.url ?? '/', 'http://localhost').pathname;
  hits.set(path, (hits.get(path) ?? 0) + 1);
  if (path === '/to-canary') {
    return void response
      .writeHead(302, { location: `http://127.0.0.2:${canaryPort}/latest/meta-data` })
      .end();
  }
  if (path === '/rebind') rebindAddress = '127.0.0.2';
  const route = ROUTES[path];
  if (route === undefined) return void response.writeHead(404).end();
  const type = path.endsWith('.js') ? 'text/javascript' : 'text/html; charset=utf-8';
  response.writeHead(200, { 'content-type': type }).end(route());
}

function listenCanary(port: number): Promise<number> {
  const canary = createServer((socket) => {
    canaryConnections++;
    canarySockets.add(socket);
    socket.on('close', () => canarySockets.delete(socket));
    socket.end('HTTP/1.1 200 OK\r\ncontent-length: 11\r\n\r\ncredentials');
  });
  canaries.push(canary);
  return new Promise((resolve) =>
    canary.listen(port, '127.0.0.2', () => resolve((canary.address() as AddressInfo).port)),
  );
}

beforeAll(async () => {
  pages = http.createServer(handle);
  pagePort = await new Promise<number>((resolve) =>
    pages.listen(0, '127.0.0.1', () => resolve((pages.address() as AddressInfo).port)),
  );
  canaryPort = await listenCanary(0);
  await listenCanary(pagePort);
  launcher = createChromiumLauncher({ lookup });
});

afterAll(async () => {
  await launcher.close();
  pages.closeAllConnections();
  for (const socket of canarySockets) socket.destroy();
  await new Promise((resolve) => pages.close(resolve));
  await Promise.all(canaries.map((canary) => new Promise((resolve) => canary.close(resolve))));
});

/** Runs a browser step on `url` (then waits for `text` when given) and lets late requests settle. */
async function visit(url: string, text?: string): Promise<StepResult> {
  connectionsBefore = canaryConnections;
  const actions: Record<string, string>[] = [{ action: 'goto', url }];
  if (text !== undefined) actions.push({ action: 'waitForText', text });
  const step = browserStepSchema.parse({ kind: 'browser', timeoutMs: 15_000, actions });
  const context = {
    index: 0,
    signal: new AbortController().signal,
    clock: systemClock,
    addressPolicy: policy,
    cookies: new CookieJar(),
    browsers: launcher,
  };
  const outcome = await browserStepExecutor.execute(step, context);
  await sleep(300);
  await outcome.observation?.release?.();
  return outcome.result;
}

describe.skipIf(!hasChromium)('browser egress confinement', () => {
  it('keeps nested cross-site iframes from redirecting into a denied address', async () => {
    const result = await visit(`http://127.0.0.1:${pagePort}/nested`);
    expect(result.ok).toBe(true);
    expect(hits.get('/to-canary')).toBeGreaterThan(0); // the inner frame ran and was redirected
    expect(canaryConnections - connectionsBefore).toBe(0);
  });

  it('keeps dedicated and shared workers from fetching or opening sockets to denied addresses', async () => {
    const before = hits.get('/allowed-hit') ?? 0;
    const result = await visit(`http://127.0.0.1:${pagePort}/workers`, 'workers done');
    expect(result.errorMessage).toBeNull();
    expect(hits.get('/allowed-hit')).toBe(before + 2); // both workers ran, and allowed traffic got through
    expect(canaryConnections - connectionsBefore).toBe(0);
  });

  it('keeps a service worker from reaching denied addresses', async () => {
    const result = await visit(`http://127.0.0.1:${pagePort}/service-worker`, 'sw settled');
    expect(result.ok).toBe(true);
    expect(canaryConnections - connectionsBefore).toBe(0);
  });

  it('keeps preconnect and dns-prefetch hints from connecting to denied addresses', async () => {
    const result = await visit(`http://127.0.0.1:${pagePort}/hints`);
    expect(result.ok).toBe(true);
    await sleep(700);
    expect(canaryConnections - connectionsBefore).toBe(0);
  });

  it('keeps images, fetches and WebSockets away from a denied address however it is spelled', async () => {
    const before = hits.get('/allowed-hit') ?? 0;
    const result = await visit(`http://127.0.0.1:${pagePort}/script`, 'probed');
    expect(result.ok).toBe(true);
    expect(hits.get('/allowed-hit')).toBe(before + 1);
    expect(canaryConnections - connectionsBefore).toBe(0);
  });

  it('blocks a page whose name resolves to a denied address, as a blocked step', async () => {
    const result = await visit(`http://canary.test:${canaryPort}/`);
    expect(result).toMatchObject({ ok: false, errorClass: 'blocked' });
    expect(result.errorMessage).toMatch(
      /blocked: canary\.test resolves to 127\.0\.0\.2 is in a denied address range/,
    );
    expect(canaryConnections - connectionsBefore).toBe(0);
  });

  it('connects where it judged a name to be, so a name rebinding to a denied address gets nowhere', async () => {
    rebindAddress = '127.0.0.1';
    const result = await visit(`http://rebind.test:${pagePort}/rebind`, 'second request: 403');
    expect(result.ok).toBe(true);
    expect(hits.get('/again') ?? 0).toBe(0);
    expect(canaryConnections - connectionsBefore).toBe(0);
  });
});
