import { request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { connect } from 'node:tls';
import { checkInputSchema } from '@ganzhi/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDemoBackend, type DemoBackend } from './demo-backend.js';
import type {
  DemoAssertion,
  DemoBrowserStep,
  DemoCheckDefinition,
  DemoHttpStep,
  DemoTlsStep,
} from './demo-check-types.js';
import { demoCheckDefinitions } from './demo-checks.js';

let demo: DemoBackend;
let httpsUrl: string;

// Injected latency is waited out instantly: these tests are about what the flows ask, not how long they wait.
const instantClock = { now: () => Date.now(), sleep: () => Promise.resolve() };

beforeAll(async () => {
  demo = await startDemoBackend({ random: () => 0, clock: instantClock, tls: {} });
  httpsUrl = demo.httpsUrl ?? '';
});

afterAll(async () => {
  await demo.close();
});

const CHANNELS = ['hall', 'partner_hall', 'ivr', 'sms_hall', 'web_hall', 'app'];
const CODE = /^[a-z0-9][a-z0-9_-]*$/;

function allChecks(): DemoCheckDefinition[] {
  return demoCheckDefinitions(demo.url, { httpsUrl });
}

function stepsOfKind<K extends 'http' | 'tls' | 'browser'>(
  check: DemoCheckDefinition,
  kind: K,
): Extract<DemoCheckDefinition['steps'][number], { kind: K }>[] {
  return check.steps.filter(
    (step): step is Extract<DemoCheckDefinition['steps'][number], { kind: K }> => step.kind === kind,
  );
}

/**
 * Just enough of the probes' flow engine to run the demo's http flows here: `{{placeholders}}` (the built-ins as
 * the probes define them), a cookie jar, JSONPath extraction and assertions. The probes have their own tests;
 * this proves the journeys themselves fit the back end.
 */
class MiniFlow {
  readonly variables = new Map<string, string>();
  readonly cookies = new Map<string, string>();

  constructor(initial: Readonly<Record<string, string>>) {
    for (const [name, value] of Object.entries(initial)) this.variables.set(name, value);
  }

  render<T>(value: T): T {
    return JSON.parse(
      JSON.stringify(value).replace(/\{\{\s*([^{}\s]+)\s*\}\}/g, (_match, name: string) => {
        if (name === '$month') {
          const now = new Date();
          return `${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, '0')}`;
        }
        if (name === '$randomId') return Math.random().toString(16).slice(2, 18).padEnd(16, '0');
        const found = this.variables.get(name);
        if (found === undefined) throw new Error(`unknown variable {{${name}}}`);
        return found;
      }),
    ) as T;
  }

  async runHttp(raw: DemoHttpStep): Promise<Exchange> {
    const step = this.render(raw);
    const headers: Record<string, string> = { ...step.headers };
    if (step.json !== undefined) headers['content-type'] = 'application/json';
    if (step.auth) headers.authorization = `Bearer ${step.auth.token}`;
    if (this.cookies.size > 0) {
      headers.cookie = [...this.cookies].map(([name, value]) => `${name}=${value}`).join('; ');
    }
    const body = step.json === undefined ? undefined : JSON.stringify(step.json);
    const exchange = await send(step.url, { method: step.method, headers, body });
    for (const cookie of exchange.headers['set-cookie'] ?? []) {
      const [pair = ''] = cookie.split(';');
      const [name = '', ...value] = pair.split('=');
      this.cookies.set(name.trim(), value.join('='));
    }
    return exchange;
  }

  /** Extracts into variables; the names that found nothing. */
  extract(step: DemoHttpStep, body: string): string[] {
    const missing: string[] = [];
    for (const extraction of step.extract ?? []) {
      const value = readJsonPath(body, extraction.expression);
      if (value === undefined) missing.push(extraction.variable);
      else this.variables.set(extraction.variable, String(value));
    }
    return missing;
  }
}

interface Exchange {
  readonly status: number;
  readonly headers: IncomingHttpHeaders;
  readonly body: string;
}

/** One request without redirects; HTTPS accepts the demo's self-signed certificate, as `insecureTls` steps do. */
function send(
  url: string,
  init: { method: string; headers: Record<string, string>; body?: string | undefined },
) {
  return new Promise<Exchange>((resolve, reject) => {
    const options = { method: init.method, headers: init.headers, rejectUnauthorized: false };
    const request = (url.startsWith('https:') ? httpsRequest : httpRequest)(url, options, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => {
        const body = Buffer.concat(chunks).toString('utf8');
        resolve({ status: response.statusCode ?? 0, headers: response.headers, body });
      });
    });
    request.on('error', reject);
    request.end(init.body);
  });
}

/** Dotted JSONPaths with array indexes (`$.options[0].label`); objects come back as JSON, as the probes do. */
function readJsonPath(body: string, path: string): string | number | boolean | undefined {
  let value: unknown = JSON.parse(body);
  for (const [, key, index] of path.matchAll(/\.([A-Za-z_]\w*)|\[(\d+)\]/g)) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<string, unknown>)[key ?? index ?? ''];
  }
  if (value === undefined || value === null) return undefined;
  return typeof value === 'object' ? JSON.stringify(value) : (value as string | number | boolean);
}

function holds(assertion: DemoAssertion, actual: string | number | boolean | undefined): boolean {
  const text = actual === undefined ? undefined : String(actual);
  const expected = String(assertion.value ?? '');
  switch (assertion.comparison) {
    case 'equals':
      return text === expected;
    case 'contains':
      return text?.includes(expected) ?? false;
    case 'matches':
      return text !== undefined && new RegExp(expected).test(text);
    case 'greaterThan':
      return Number(text) > Number(expected);
    case 'exists':
      return actual !== undefined;
    default:
      throw new Error(`the mini flow runner does not know ${assertion.comparison}`);
  }
}

/** Runs a check's http steps in order; the failures, empty when the flow is green. */
async function runHttpFlow(check: DemoCheckDefinition): Promise<string[]> {
  const flow = new MiniFlow(check.variables);
  for (const raw of stepsOfKind(check, 'http')) {
    const step = flow.render(raw);
    const { status, body, headers } = await flow.runHttp(raw);
    if (status !== step.expectStatus) return [`${step.name}: status ${status}: ${body.slice(0, 200)}`];
    if (step.bodyContains !== undefined && !body.includes(step.bodyContains)) {
      return [`${step.name}: body lacks ${step.bodyContains}`];
    }
    const missing = flow.extract(step, body);
    if (missing.length > 0) return [`${step.name}: could not extract ${missing.join(', ')}`];
    const failed = (step.assert ?? []).filter((assertion) => {
      const actual =
        assertion.subject === 'header'
          ? headers[assertion.expression]?.toString()
          : readJsonPath(body, assertion.expression);
      return !holds(assertion, actual);
    });
    if (failed.length > 0) return failed.map((assertion) => `${step.name}: ${JSON.stringify(assertion)}`);
  }
  return [];
}

describe('demoCheckDefinitions', () => {
  it('covers every default channel with 8 to 12 checks, unique names and valid codes', () => {
    const checks = allChecks();
    expect(checks.length).toBeGreaterThanOrEqual(8);
    expect(checks.length).toBeLessThanOrEqual(12);
    expect(new Set(checks.map((check) => check.name)).size).toBe(checks.length);
    expect(new Set(checks.map((check) => check.channel))).toEqual(new Set(CHANNELS));
    for (const check of checks) {
      const codes = [check.business, check.channel, check.region, ...check.locations];
      expect(codes.every((code) => CODE.test(code))).toBe(true);
      expect(check.intervalSeconds).toBeGreaterThanOrEqual(30);
      expect(check.intervalSeconds).toBeLessThanOrEqual(60);
      expect(check.tags).toEqual(['demo', check.channel]);
    }
  });

  it('defines journeys: a 4-step web hall flow, a browser step and a TLS step', () => {
    const checks = allChecks();
    const kinds = new Set(checks.flatMap((check) => check.steps.map((step) => step.kind)));
    expect(kinds).toEqual(new Set(['http', 'browser', 'tls']));
    const payment = checks.find((check) => check.channel === 'web_hall' && check.business === 'payment');
    expect(payment?.steps.map((step) => step.name)).toEqual([
      'log in',
      'query this month bill',
      'pay 0.01 yuan',
      'confirm balance',
    ]);
  });

  it('passes checkInputSchema unchanged, each one', () => {
    for (const check of allChecks()) {
      const parsed = checkInputSchema.safeParse(check);
      expect({ name: check.name, issues: parsed.error?.issues ?? [] }).toEqual({
        name: check.name,
        issues: [],
      });
      expect(parsed.data?.steps.map((step) => step.kind)).toEqual(check.steps.map((step) => step.kind));
    }
  });

  it('targets only the demo back end, with or without a trailing slash on its URL', () => {
    const https = new URL(httpsUrl);
    for (const check of demoCheckDefinitions(demo.url.replace(/\/$/, ''), { httpsUrl })) {
      for (const step of stepsOfKind(check, 'http')) {
        expect([demo.url, httpsUrl].some((base) => step.url.startsWith(base))).toBe(true);
      }
      for (const step of stepsOfKind(check, 'browser')) {
        for (const action of step.actions)
          if (action.action === 'goto') expect(action.url.startsWith(demo.url)).toBe(true);
      }
      for (const step of stepsOfKind(check, 'tls')) {
        expect({ host: step.host, port: step.port }).toEqual({
          host: https.hostname,
          port: Number(https.port),
        });
      }
    }
  });

  it('keeps placeholders in URLs unencoded', () => {
    const urls = allChecks().flatMap((check) => stepsOfKind(check, 'http').map((step) => step.url));
    expect(urls).toContain(`${demo.url}api/webhall/bill?month={{$month}}`);
  });

  it('leaves out the HTTPS check without an https URL and the browser journey on request', () => {
    const checks = demoCheckDefinitions(demo.url, { includeBrowserJourney: false });
    const kinds = new Set(checks.flatMap((check) => check.steps.map((step) => step.kind)));
    expect(kinds).toEqual(new Set(['http']));
    expect(checks.length).toBe(allChecks().length - 2);
  });

  it('runs every http flow green against the demo back end, twice in a row', async () => {
    for (let round = 0; round < 2; round++) {
      for (const check of allChecks()) {
        expect({ check: check.name, failures: await runHttpFlow(check) }).toEqual({
          check: check.name,
          failures: [],
        });
      }
    }
  });

  it('turns the web hall payment journey red at its payment step when payment fails', async () => {
    const journey = allChecks().find((check) => check.name.includes('缴费 / Web hall'));
    demo.setFaults({ routes: { '/api/webhall/payment': { errorRatio: 1 } } });
    try {
      expect(await runHttpFlow(journey as DemoCheckDefinition)).toEqual([
        expect.stringMatching(/^pay 0\.01 yuan: status 500/) as string,
      ]);
    } finally {
      demo.setFaults({ routes: {} });
    }
  });
});

/** Walks a browser step over plain HTTP: goto, fill #ids, click the submit button, then look for texts and ids. */
async function walkBrowserStep(check: DemoCheckDefinition, step: DemoBrowserStep): Promise<string> {
  const flow = new MiniFlow(check.variables);
  const actions = flow.render(step.actions);
  const goto = actions.find((action) => action.action === 'goto');
  const loginPage = await (await fetch(goto?.url ?? '')).text();
  const form = new URLSearchParams();
  for (const action of actions) {
    if (action.action !== 'fill' && action.action !== 'click') continue;
    const id = action.selector.replace(/^#/, '');
    expect(loginPage).toContain(`id="${id}"`);
    if (action.action === 'fill') {
      const name = new RegExp(`id="${id}" name="(\\w+)"`).exec(loginPage)?.[1] ?? '';
      form.set(name, action.value);
    }
  }
  const action = /<form id="login-form" method="post" action="([^"]+)"/.exec(loginPage)?.[1] ?? '';
  const submitted = await fetch(new URL(action, demo.url), {
    method: 'POST',
    body: form,
    redirect: 'manual',
  });
  expect(submitted.status).toBe(303);
  const cookie = submitted.headers.getSetCookie()[0]?.split(';')[0] ?? '';
  const location = new URL(submitted.headers.get('location') ?? '', demo.url);
  return (await fetch(location, { headers: { cookie } })).text();
}

describe('the browser journey', () => {
  it('finds its fields, button, text and section on the pages it walks', async () => {
    const check = allChecks().find((candidate) => stepsOfKind(candidate, 'browser').length > 0);
    const step = check && stepsOfKind(check, 'browser')[0];
    if (!check || !step) throw new Error('no browser journey');
    const accountPage = await walkBrowserStep(check, step);
    for (const action of step.actions) {
      if (action.action === 'waitForText') expect(accountPage).toContain(action.text);
      if (action.action === 'assertVisible')
        expect(accountPage).toContain(`id="${action.selector.slice(1)}"`);
    }
  });
});

function readValidTo(step: DemoTlsStep): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect({ host: step.host, port: step.port, rejectUnauthorized: false }, () => {
      resolve(socket.getPeerCertificate().valid_to);
      socket.destroy();
    });
    socket.on('error', reject);
  });
}

describe('the HTTPS check', () => {
  it('meets a certificate valid past its minimum days, and an expired one under the fault', async () => {
    const check = allChecks().find((candidate) => stepsOfKind(candidate, 'tls').length > 0);
    const step = check && stepsOfKind(check, 'tls')[0];
    if (!step) throw new Error('no TLS check');
    const minimumMs = Date.now() + step.minDaysToExpiry * 86_400_000;
    expect(Date.parse(await readValidTo(step))).toBeGreaterThan(minimumMs);
    demo.setFaults({ expiredCertificate: true });
    try {
      expect(Date.parse(await readValidTo(step))).toBeLessThan(Date.now());
    } finally {
      demo.setFaults({ expiredCertificate: false });
    }
  });
});
