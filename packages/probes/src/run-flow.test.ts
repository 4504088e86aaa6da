import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stepResultSchema, stepSchema, type Step } from '@ganzhi/contracts';
import { systemClock } from '@ganzhi/runtime';
import { flowBudget, runFlow } from './run-flow.js';
import { ALLOW_ALL_ADDRESSES, createAddressPolicy } from './safety/address-policy.js';
import { SECRET_MASK } from './flow/mask-secrets.js';

const API_KEY = 'k3y/Secret+v=1';

/** Every request the hall received, as `path?query`. */
const received: string[] = [];

/** A tiny web hall: login sets a session cookie and returns a token; the bill needs both. */
function handle(request: http.IncomingMessage, response: http.ServerResponse): void {
  const url = new URL(request.url ?? '/', 'http://hall');
  received.push(`${url.pathname}${url.search}`);
  const json = (status: number, body: unknown, headers: Record<string, string> = {}) => {
    response.writeHead(status, { 'content-type': 'application/json', ...headers });
    response.end(JSON.stringify(body));
  };
  let body = '';
  request.on('data', (chunk: Buffer) => (body += chunk.toString()));
  request.on('end', () => {
    if (url.pathname === '/login') {
      const form = JSON.parse(body || '{}') as { phone?: string; password?: string };
      if (form.password !== 's3cret-pass') return json(401, { code: 'DENIED' });
      return json(
        200,
        { data: { token: `tok-${form.phone ?? ''}` } },
        { 'set-cookie': 'session=abc123; Path=/' },
      );
    }
    if (url.pathname === '/bill') {
      const authorised = request.headers.authorization === 'Bearer tok-13800000001';
      const hasSession = (request.headers.cookie ?? '').includes('session=abc123');
      if (!authorised || !hasSession) return json(403, { code: 'NO_SESSION' });
      return json(200, {
        month: url.searchParams.get('month'),
        totalYuan: 88.5,
        items: [{ name: '套餐费', yuan: 58 }],
      });
    }
    if (url.pathname === '/moved') {
      response.writeHead(302, { location: '/bill?month=2026-11' });
      return response.end();
    }
    if (url.pathname === '/to-metadata') {
      response.writeHead(302, { location: 'http://169.254.169.254/latest/meta-data/' });
      return response.end();
    }
    if (url.pathname === '/error-page') return json(500, { code: 'BOSS_TIMEOUT', message: 'backend busy' });
    if (url.pathname === '/echo') {
      // A careless gateway: it checks the key, then echoes it back in every encoding, with the Authorization header.
      const key = request.headers['x-key'];
      if (key !== API_KEY) return json(401, { code: 'BAD_KEY' });
      return json(200, {
        plain: key,
        base64: Buffer.from(key).toString('base64'),
        base64url: Buffer.from(key).toString('base64url'),
        urlEncoded: encodeURIComponent(key),
        form: new URLSearchParams({ key }).toString(),
        hex: Buffer.from(key).toString('hex'),
        authorization: request.headers.authorization ?? null,
      });
    }
    json(404, {});
  });
}

let base = '';
const server = http.createServer(handle);
beforeAll(async () => {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => new Promise((resolve) => server.close(resolve)));

const steps = (raw: unknown[]): Step[] => raw.map((step) => stepSchema.parse(step));
const options = {
  clock: systemClock,
  addressPolicy: ALLOW_ALL_ADDRESSES,
  secrets: { HALL_PASSWORD: 's3cret-pass', API_KEY },
};

/** Every form of `secret` the echo endpoint sends back. */
function encodedForms(secret: string): string[] {
  const bytes = Buffer.from(secret);
  return [
    secret,
    bytes.toString('base64'),
    bytes.toString('base64url'),
    encodeURIComponent(secret),
    new URLSearchParams({ key: secret }).toString().slice(4),
    bytes.toString('hex'),
  ];
}

function everythingKept(result: Awaited<ReturnType<typeof runFlow>>): string {
  const artifacts = result.artifacts.map((artifact) => Buffer.from(artifact.content).toString());
  return JSON.stringify({ ...result, artifacts });
}

function loginStep(password = '{{secrets.HALL_PASSWORD}}') {
  return {
    kind: 'http',
    name: 'login',
    method: 'POST',
    url: `${base}/login`,
    json: { phone: '{{phone}}', password },
    extract: [{ variable: 'token', from: 'jsonPath', expression: '$.data.token', secret: true }],
  };
}

describe('runFlow', () => {
  it('carries extracted variables, cookies and secrets across steps, then asserts on JSON', async () => {
    const result = await runFlow(
      steps([
        loginStep(),
        { kind: 'wait', durationMs: 5 },
        {
          kind: 'http',
          name: 'bill',
          url: `${base}/bill?month={{$month}}`,
          auth: { type: 'bearer', token: '{{token}}' },
          assert: [
            { subject: 'jsonPath', expression: '$.totalYuan', comparison: 'greaterThan', value: 0 },
            { subject: 'header', expression: 'content-type', comparison: 'contains', value: 'json' },
          ],
          extract: [{ variable: 'firstItem', from: 'jsonPath', expression: '$.items[0].name' }],
        },
      ]),
      { ...options, variables: { phone: '13800000001' } },
    );
    expect(result.errorMessage).toBeNull();
    expect(result.ok).toBe(true);
    expect(result.steps.map((s) => s.kind)).toEqual(['http', 'wait', 'http']);
    expect(result.steps[2]?.assertions.every((a) => a.ok)).toBe(true);
    expect(result.variables).toEqual({ phone: '13800000001', token: SECRET_MASK, firstItem: '套餐费' });
    expect(JSON.stringify(result)).not.toContain('tok-13800000001');
    expect(JSON.stringify(result)).not.toContain('s3cret-pass');
  });

  it('stops at the failing step, names it, and keeps the problem scene with secrets redacted', async () => {
    const result = await runFlow(
      steps([
        loginStep(),
        { kind: 'http', name: 'error page', url: `${base}/error-page?token={{token}}` },
        { kind: 'wait', durationMs: 1 },
      ]),
      { ...options, variables: { phone: '13800000001' } },
    );
    expect(result.ok).toBe(false);
    expect(result.errorClass).toBe('http_status');
    expect(result.errorMessage).toMatch(/^step 2 \(error page\):/);
    expect(result.steps).toHaveLength(2);
    const scene = result.artifacts.find((a) => a.kind === 'response');
    expect(scene?.stepIndex).toBe(1);
    const text = Buffer.from(scene?.content ?? []).toString();
    expect(JSON.parse(text)).toMatchObject({ response: { status: 500 }, step: { method: 'GET' } });
    expect(text).toContain('BOSS_TIMEOUT');
    expect(text).not.toContain('tok-13800000001');
  });

  it('fails an assertion with expected and actual values', async () => {
    const result = await runFlow(
      steps([
        loginStep(),
        {
          kind: 'http',
          url: `${base}/bill`,
          auth: { type: 'bearer', token: '{{token}}' },
          assert: [{ subject: 'jsonPath', expression: '$.totalYuan', comparison: 'lessThan', value: 10 }],
        },
      ]),
      { ...options, variables: { phone: '13800000001' } },
    );
    expect(result.errorClass).toBe('assertion');
    expect(result.steps[1]?.assertions.at(-1)).toMatchObject({
      ok: false,
      actual: '88.5',
      expected: 'lessThan 10',
    });
  });

  it('fails a step whose extraction finds nothing, before later steps run with a hole', async () => {
    const result = await runFlow(
      steps([
        { ...loginStep(), extract: [{ variable: 'token', from: 'jsonPath', expression: '$.data.missing' }] },
        { kind: 'wait', durationMs: 1 },
      ]),
      { ...options, variables: { phone: '1' } },
    );
    expect(result.steps).toHaveLength(1);
    expect(result.errorMessage).toContain('could not extract {{token}}');
  });

  it('reports an undefined variable at run time as configuration instead of sending a literal placeholder', async () => {
    const result = await runFlow(steps([{ kind: 'http', url: `${base}/bill?x={{nowhere}}` }]), options);
    expect(result).toMatchObject({ ok: false, errorClass: 'config' });
    expect(result.errorMessage).toContain('unknown variable {{nowhere}}');
  });

  it('fails a step using a secret the agent lacks as configuration, naming the secret, and never sends it', async () => {
    received.length = 0;
    const result = await runFlow(
      steps([
        { ...loginStep(), name: 'login' },
        { kind: 'http', name: 'echo', url: `${base}/echo?k={{secrets.BOSS_KEY}}`, headers: { 'x-key': 'k' } },
      ]),
      { ...options, variables: { phone: '13800000001' } },
    );
    expect(result).toMatchObject({ ok: false, errorClass: 'config' });
    expect(result.steps.map((step) => [step.name, step.ok, step.errorClass])).toEqual([
      ['login', true, null],
      ['echo', false, 'config'],
    ]);
    expect(result.errorMessage).toBe(
      "step 2 (echo): secret {{secrets.BOSS_KEY}} in url has no value on this agent: set GANZHI_SECRET_BOSS_KEY in the agent's environment, or store a secret named BOSS_KEY (stored secrets reach the built-in agent only)",
    );
    expect(received).toEqual(['/login']);
  });

  it('treats an empty secret as missing, in a step or in a check variable, and sends nothing', async () => {
    received.length = 0;
    const emptyKey = { ...options, secrets: { ...options.secrets, API_KEY: '' } };
    const inStep = await runFlow(
      steps([{ kind: 'http', url: `${base}/echo`, headers: { 'x-key': '{{secrets.API_KEY}}' } }]),
      emptyKey,
    );
    const inVariable = await runFlow(steps([{ kind: 'http', url: `${base}/echo?k={{key}}` }]), {
      ...emptyKey,
      variables: { key: '{{secrets.API_KEY}}' },
    });
    expect(inStep).toMatchObject({ ok: false, errorClass: 'config' });
    expect(inStep.errorMessage).toContain('secret {{secrets.API_KEY}} in headers.x-key has no value');
    expect(inVariable).toMatchObject({ ok: false, errorClass: 'config' });
    expect(inVariable.errorMessage).toContain('secret {{secrets.API_KEY}} in variables.key has no value');
    expect(inVariable.errorMessage).toContain('GANZHI_SECRET_API_KEY');
    expect(received).toEqual([]);
  });

  it('follows redirects with the session cookie, and refuses one into a denied range', async () => {
    const followed = await runFlow(
      steps([
        loginStep(),
        { kind: 'http', url: `${base}/moved`, auth: { type: 'bearer', token: '{{token}}' } },
      ]),
      { ...options, variables: { phone: '13800000001' } },
    );
    expect(followed.ok).toBe(true);
    expect(followed.steps[1]?.detail).toMatchObject({ redirects: 1, status: 200 });

    const blocked = await runFlow(steps([{ kind: 'http', url: `${base}/to-metadata` }]), {
      ...options,
      addressPolicy: createAddressPolicy(),
    });
    expect(blocked).toMatchObject({ ok: false, errorClass: 'blocked' });
  });

  it('stops the whole flow when its time budget runs out', async () => {
    const result = await runFlow(steps([{ kind: 'wait', durationMs: 5_000 }]), {
      ...options,
      flowTimeoutMs: 100,
    });
    expect(result).toMatchObject({ ok: false, errorClass: 'timeout' });
    expect(result.durationMs).toBeLessThan(2_000);
  });

  it('releases its time budget when the flow ends: the timer is cleared and the signal never fires', async () => {
    const released = flowBudget(20, undefined);
    const kept = flowBudget(20, undefined);
    released.release();
    await new Promise((resolve) => setTimeout(resolve, 60));
    expect(released.signal.aborted).toBe(false);
    expect(kept.signal.aborted).toBe(true);
    expect((kept.signal.reason as DOMException).name).toBe('TimeoutError');
    kept.release();
  });

  it("stops at once when the caller aborts, with the caller's reason", async () => {
    const caller = new AbortController();
    const running = runFlow(steps([{ kind: 'wait', durationMs: 5_000 }]), {
      ...options,
      signal: caller.signal,
    });
    setTimeout(() => caller.abort(new Error('agent stopping')), 20);
    const result = await running;
    expect(result.ok).toBe(false);
    expect(result.durationMs).toBeLessThan(2_000);
  });

  it('renders a variable built from a secret once, uses it, and masks it in the variables', async () => {
    const result = await runFlow(
      steps([{ kind: 'http', name: 'echo', url: `${base}/echo`, headers: { 'x-key': '{{token}}' } }]),
      { ...options, variables: { token: '{{secrets.API_KEY}}', city: 'changsha' } },
    );
    expect(result.errorMessage).toBeNull();
    expect(result.variables).toEqual({ token: SECRET_MASK, city: 'changsha' });
    expect(JSON.stringify(result)).not.toContain(API_KEY);
  });

  it('masks extracted values that echo a secret (plain, base64, URL-encoded) in variables and in the scene', async () => {
    const extract = ['plain', 'base64', 'base64url', 'urlEncoded', 'form', 'hex'].map((field) => ({
      variable: field,
      from: 'jsonPath',
      expression: `$.${field}`,
    }));
    const result = await runFlow(
      steps([
        {
          kind: 'http',
          name: 'echo',
          url: `${base}/echo?key={{secrets.API_KEY}}`,
          headers: { 'x-key': '{{secrets.API_KEY}}' },
          extract,
          assert: [{ subject: 'jsonPath', expression: '$.plain', comparison: 'equals', value: 'other' }],
        },
      ]),
      options,
    );
    expect(result.errorClass).toBe('assertion');
    expect(Object.values(result.variables)).toEqual(Array(6).fill(SECRET_MASK));
    expect(result.steps[0]?.variables).toEqual(result.variables);
    const kept = everythingKept(result);
    expect(kept).toContain('urlEncoded');
    for (const form of encodedForms(API_KEY)) expect(kept).not.toContain(form);
  });

  it('masks the basic-auth header a target echoes, in extractions and the scene', async () => {
    const result = await runFlow(
      steps([
        {
          kind: 'http',
          name: 'echo',
          url: `${base}/echo`,
          headers: { 'x-key': '{{secrets.API_KEY}}' },
          auth: { type: 'basic', username: 'clerk0042', password: '{{secrets.HALL_PASSWORD}}' },
          extract: [{ variable: 'auth', from: 'jsonPath', expression: '$.authorization' }],
          assert: [{ subject: 'body', comparison: 'contains', value: 'never there' }],
        },
      ]),
      options,
    );
    expect(result.errorClass).toBe('assertion');
    expect(result.variables).toEqual({ auth: SECRET_MASK });
    const kept = everythingKept(result);
    expect(kept).toContain('authorization');
    expect(kept).not.toContain(Buffer.from('clerk0042:s3cret-pass').toString('base64'));
    expect(kept).not.toContain('s3cret-pass');
  });

  it('fails a step whose stored pattern the linear-time engine refuses, without failing the run', async () => {
    const result = await runFlow(
      steps([
        {
          ...loginStep(),
          extract: [{ variable: 'token', from: 'regex', expression: '(?<="token":")[^"]+' }],
        },
      ]),
      { ...options, variables: { phone: '1' } },
    );
    expect(result.errorClass).toBe('assertion');
    expect(result.errorMessage).toMatch(/could not extract \{\{token\}\}.*lookbehind .* is not supported/);
  });

  it('masks even a one-character secret, keeping the run record valid', async () => {
    const result = await runFlow(steps([{ kind: 'http', url: `${base}/error-page?pin={{secrets.PIN}}` }]), {
      ...options,
      secrets: { PIN: '5' },
    });
    expect(result.errorClass).toBe('http_status');
    expect(result.errorMessage).not.toMatch(/5/);
    expect(result.errorMessage).toContain(SECRET_MASK);
    const [step] = result.steps;
    expect(stepResultSchema.parse(step)).toEqual(step);
    expect(Date.parse(step?.startedAt ?? '')).not.toBeNaN();
  });
});
