import { existsSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browserStepSchema } from '@ganzhi/contracts';
import type { BrowserStep, StepResult } from '@ganzhi/contracts';
import { systemClock } from '@ganzhi/runtime';
import { CookieJar } from 'tough-cookie';
import type { BrowserLauncher } from '../browser-launcher.js';
import { ALLOW_ALL_ADDRESSES, createAddressPolicy } from '../safety/address-policy.js';
import type { StepArtifact, StepContext, StepOutcome } from '../step-executor.js';
import { NO_BROWSER_MESSAGE } from './browser-session.js';
import { browserStepExecutor } from './browser-step-executor.js';
import { createChromiumLauncher } from './chromium-launcher.js';
import { WHITE_SCREEN_MESSAGE } from './inspect-page.js';

// CI sets GANZHI_REQUIRE_E2E=1 so a missing Chromium fails the suite instead of silently skipping it.
const hasChromium = process.env.GANZHI_REQUIRE_E2E === '1' || existsSync('/usr/bin/chromium');

const PNG_MAGIC = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

const PAGES: Record<string, string> = {
  '/login': `<!doctype html><html><head><meta charset="utf-8"><title>网上营业厅 登录</title></head><body>
    <h1>网上营业厅</h1>
    <form method="post" action="/bill">
      <input id="phone" name="phone" placeholder="手机号"><input id="password" name="password" type="password">
      <button id="login" type="submit">登录</button>
    </form></body></html>`,
  '/bill': `<!doctype html><html><head><meta charset="utf-8"><title>账单查询</title></head><body>
    <h1>本月账单</h1><p>应缴金额 <span id="amount">¥58.00</span></p><p id="hidden" style="display:none">x</p>
    </body></html>`,
  '/white': '<html><body><div id="app"></div></body></html>',
  '/leaky': '<!doctype html><html><body><p>logo below</p><img src="/to-internal" alt=""></body></html>',
  '/pay': `<!doctype html><html><head><meta charset="utf-8"><title>缴费</title></head><body>
    <button id="pay">立即缴费</button><p id="msg">请缴费</p>
    <script>
      document.querySelector('#pay').addEventListener('click', async () => {
        const response = await fetch('/api/pay?token=s3cr3t-token');
        console.error('pay failed with status ' + response.status);
        document.querySelector('#msg').textContent = '支付失败，请稍后再试';
      });
    </script></body></html>`,
};

const hits = new Map<string, number>();
const sockets = new Set<Socket>();
let server: http.Server;
/** Stands for an internal service (cloud metadata) on 127.0.0.2, which the redirect tests' policy denies. */
let internalServer: http.Server;
let internalHits = 0;
let baseUrl = '';
let closedPortUrl = '';
let launcher: BrowserLauncher;

function handle(request: http.IncomingMessage, response: http.ServerResponse): void {
  const path = new URL(request.url ?? '/', 'http://localhost').pathname;
  hits.set(path, (hits.get(path) ?? 0) + 1);
  if (path === '/slow') return void setTimeout(() => response.end('<p>late</p>'), 5000);
  if (path === '/api/pay') return void response.writeHead(500).end('{"code":"9999"}');
  if (path === '/to-internal') {
    const { port } = internalServer.address() as AddressInfo;
    return void response.writeHead(302, { location: `http://127.0.0.2:${port}/latest/meta-data` }).end();
  }
  const page = PAGES[path];
  if (page === undefined) return void response.writeHead(404).end('not found');
  request.resume();
  response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(page);
}

function listen(target: http.Server): Promise<number> {
  return new Promise((resolve) =>
    target.listen(0, '127.0.0.1', () => resolve((target.address() as AddressInfo).port)),
  );
}

beforeAll(async () => {
  server = http.createServer(handle);
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  baseUrl = `http://127.0.0.1:${await listen(server)}`;
  internalServer = http.createServer((_request, response) => {
    internalHits++;
    response.end('<p>instance credentials</p>');
  });
  await new Promise<void>((resolve) => internalServer.listen(0, '127.0.0.2', resolve));
  // A port that was just free: nothing listens there, so connecting is refused.
  const spare = http.createServer();
  closedPortUrl = `http://127.0.0.1:${await listen(spare)}/`;
  await new Promise((resolve) => spare.close(resolve));
  launcher = createChromiumLauncher();
});

afterAll(async () => {
  await launcher.close();
  for (const socket of sockets) socket.destroy();
  await new Promise((resolve) => server.close(resolve));
  await new Promise((resolve) => internalServer.close(resolve));
});

function contextFor(overrides: Partial<StepContext> = {}): StepContext {
  return {
    index: 0,
    signal: new AbortController().signal,
    clock: systemClock,
    addressPolicy: ALLOW_ALL_ADDRESSES,
    cookies: new CookieJar(),
    browsers: launcher,
    ...overrides,
  };
}

/** What a check author writes; the schema fills in defaults (viewport, state) as the server would. */
interface BrowserStepInput {
  readonly name?: string;
  readonly timeoutMs?: number;
  readonly screenshotOnSuccess?: boolean;
  readonly actions: readonly Record<string, string>[];
}

function browserStep(input: BrowserStepInput): BrowserStep {
  return browserStepSchema.parse({ kind: 'browser', ...input });
}

async function run(step: BrowserStep, context: StepContext = contextFor()): Promise<StepOutcome> {
  const outcome = await browserStepExecutor.execute(step, context);
  if (outcome.result.ok) await outcome.observation?.release?.();
  return outcome;
}

function artifactOf(outcome: StepOutcome, kind: StepArtifact['kind']): StepArtifact | undefined {
  return outcome.artifacts?.find((artifact) => artifact.kind === kind);
}

function expectFailure(result: StepResult, errorClass: StepResult['errorClass'], message: RegExp): void {
  expect(result.ok).toBe(false);
  expect(result.errorClass).toBe(errorClass);
  expect(result.errorMessage).toMatch(message);
}

const loginJourney = (): BrowserStepInput['actions'] => [
  { action: 'goto', url: `${baseUrl}/login` },
  { action: 'fill', selector: '#phone', value: '13800138000' },
  { action: 'fill', selector: '#password', value: 'pa55word' },
  { action: 'click', selector: '#login' },
  { action: 'waitForNavigation' },
  { action: 'assertText', text: '本月账单' },
  { action: 'assertVisible', selector: '#amount' },
];

describe.skipIf(!hasChromium)('browser step executor', () => {
  it('logs in, reaches the bill page and reports page timings and a screenshot when asked', async () => {
    const step = browserStep({ name: 'login and bill', actions: loginJourney(), screenshotOnSuccess: true });
    const outcome = await browserStepExecutor.execute(step, contextFor());
    const { result } = outcome;
    expect(result).toMatchObject({
      ok: true,
      errorClass: null,
      errorMessage: null,
      kind: 'browser',
      name: 'login and bill',
    });
    expect(result.assertions.map((check) => check.ok)).toEqual(Array<boolean>(8).fill(true));
    expect(result.assertions[2]?.name).toBe('action 3 (fill #password)');
    expect(JSON.stringify(result)).not.toContain('pa55word');
    expect(result.detail).toMatchObject({
      status: 200,
      title: '账单查询',
      whiteScreen: false,
      finalUrl: `${baseUrl}/bill`,
    });
    expect(result.detail.firstContentfulPaintMs).toEqual(expect.any(Number));
    expect(result.detail.pageLoadMs).toEqual(expect.any(Number));
    expect(result.detail.domContentLoadedMs).toEqual(expect.any(Number));
    expect(result.timings.dnsMs).toBeNull(); // an IP literal needs no lookup
    expect(result.timings.tlsMs).toBeNull();
    expect(result.timings.firstByteMs).toBeGreaterThanOrEqual(0);
    expect(result.timings.totalMs).toBeGreaterThan(0);
    expect(outcome.artifacts?.map((artifact) => artifact.kind)).toEqual(['screenshot']);
    await outcome.observation?.release?.();
  });

  it('keeps the page open for textOf and isVisible until released', async () => {
    const { result, observation } = await browserStepExecutor.execute(
      browserStep({ actions: loginJourney() }),
      contextFor(),
    );
    expect(result.ok).toBe(true);
    expect(observation?.status).toBe(200);
    expect(observation?.body).toContain('本月账单');
    expect(await observation?.textOf?.('#amount')).toBe('¥58.00');
    expect(await observation?.textOf?.(undefined)).toContain('应缴金额');
    expect(await observation?.textOf?.('#missing')).toBeNull();
    expect(await observation?.isVisible?.('#amount')).toBe(true);
    expect(await observation?.isVisible?.('#hidden')).toBe(false);
    await observation?.release?.();
    expect(await observation?.textOf?.('#amount')).toBeNull();
  });

  it('fails a text assertion with the failing action, a screenshot, console errors and failed requests', async () => {
    const step = browserStep({
      actions: [
        { action: 'goto', url: `${baseUrl}/pay` },
        { action: 'click', selector: '#pay' },
        { action: 'waitForText', text: '支付失败' },
        { action: 'assertText', selector: '#msg', text: '支付成功' },
      ],
    });
    const outcome = await run(step);
    expectFailure(
      outcome.result,
      'assertion',
      /^action 4 \(assertText "支付成功" in #msg\): expected text "支付成功"/,
    );
    expect(outcome.result.assertions.at(3)).toMatchObject({ ok: false, actual: '支付失败，请稍后再试' });
    expect(outcome.observation?.release).toBeUndefined();
    const screenshot = artifactOf(outcome, 'screenshot');
    expect(screenshot?.contentType).toBe('image/png');
    expect([...(screenshot?.content.subarray(0, 8) ?? [])]).toEqual(PNG_MAGIC);
    const consoleText = Buffer.from(artifactOf(outcome, 'console')?.content ?? []).toString();
    expect(JSON.parse(consoleText)).toContainEqual({ source: 'console', text: 'pay failed with status 500' });
    const networkText = Buffer.from(artifactOf(outcome, 'network')?.content ?? []).toString();
    expect(JSON.parse(networkText)).toContainEqual({ url: `${baseUrl}/api/pay`, method: 'GET', status: 500 });
    expect(networkText).not.toContain('s3cr3t');
    expect(outcome.result.detail).toMatchObject({ consoleErrors: 2, failedRequests: 1 }); // the 500 is logged too
  });

  it('fails a page that loads but shows nothing as a white screen', async () => {
    const outcome = await run(browserStep({ actions: [{ action: 'goto', url: `${baseUrl}/white` }] }));
    expectFailure(outcome.result, 'assertion', new RegExp(`^${WHITE_SCREEN_MESSAGE}$`));
    expect(outcome.result.detail).toMatchObject({ whiteScreen: true, status: 200 });
    expect(outcome.result.assertions.at(-1)).toMatchObject({ name: 'page shows content', ok: false });
    expect(artifactOf(outcome, 'screenshot')).toBeDefined();
  });

  it('times out waiting for a selector and names the action', async () => {
    const step = browserStep({
      timeoutMs: 2000,
      actions: [
        { action: 'goto', url: `${baseUrl}/login` },
        { action: 'waitForSelector', selector: '#never' },
      ],
    });
    const outcome = await run(step);
    expectFailure(
      outcome.result,
      'timeout',
      /^action 2 \(waitForSelector #never\): waiting for selector "#never" .*timed out/,
    );
    expect(outcome.result.detail.whiteScreen).toBe(false);
    expect(artifactOf(outcome, 'screenshot')).toBeDefined();
  });

  it('times out on a page that answers too slowly', async () => {
    const step = browserStep({ timeoutMs: 1000, actions: [{ action: 'goto', url: `${baseUrl}/slow` }] });
    expectFailure(
      (await run(step)).result,
      'timeout',
      /^action 1 \(goto .*\/slow\): loading .* timed out after \d+ ms$/,
    );
  });

  it('ends a pending action when the flow runs out of time', async () => {
    const step = browserStep({ timeoutMs: 30_000, actions: [{ action: 'goto', url: `${baseUrl}/slow` }] });
    const started = performance.now();
    const { result } = await run(step, contextFor({ signal: AbortSignal.timeout(500) }));
    expectFailure(result, 'timeout', /flow's time budget ran out/);
    expect(performance.now() - started).toBeLessThan(5000);
  });

  it('reports a refused connection', async () => {
    const { result } = await run(browserStep({ actions: [{ action: 'goto', url: closedPortUrl }] }));
    expectFailure(result, 'connect_refused', /ERR_CONNECTION_REFUSED/);
    expect(result.detail).toMatchObject({ status: null, whiteScreen: false });
  });

  it('reports a name that does not resolve', async () => {
    const { result } = await run(
      browserStep({ actions: [{ action: 'goto', url: 'http://no-such-host.invalid/' }] }),
    );
    expectFailure(result, 'dns', /ERR_NAME_NOT_RESOLVED/);
  });

  it('blocks a page in a denied address range before any request reaches it', async () => {
    const before = hits.get('/login') ?? 0;
    const addressPolicy = createAddressPolicy({ deny: ['127.0.0.0/8'] });
    const { result } = await run(
      browserStep({ actions: [{ action: 'goto', url: `${baseUrl}/login` }] }),
      contextFor({ addressPolicy }),
    );
    expectFailure(result, 'blocked', /^action 1 .*: blocked: 127\.0\.0\.1 is in a denied address range$/);
    expect(hits.get('/login') ?? 0).toBe(before);
  });

  it('refuses redirects into a denied range, for the page and for what it loads', async () => {
    const context = (): StepContext =>
      contextFor({ addressPolicy: createAddressPolicy({ deny: ['127.0.0.2/32'] }) });
    const page = await run(
      browserStep({ actions: [{ action: 'goto', url: `${baseUrl}/leaky` }] }),
      context(),
    );
    expect(page.result).toMatchObject({ ok: true, detail: { failedRequests: 1 } });
    const redirected = await run(
      browserStep({ actions: [{ action: 'goto', url: `${baseUrl}/to-internal` }] }),
      context(),
    );
    expectFailure(
      redirected.result,
      'blocked',
      /^action 1 .*: blocked: 127\.0\.0\.2 is in a denied address range$/,
    );
    expect(internalHits).toBe(0);
  });

  it('fails as internal when the location has no browser', async () => {
    const { browsers: _, ...withoutBrowser } = contextFor();
    const { result } = await run(
      browserStep({ actions: [{ action: 'goto', url: `${baseUrl}/login` }] }),
      withoutBrowser,
    );
    expectFailure(result, 'internal', new RegExp(`^${NO_BROWSER_MESSAGE}$`));
  });
});
