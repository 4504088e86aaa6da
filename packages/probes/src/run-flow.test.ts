import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stepSchema, type Step } from '@ganzhi/contracts';
import { systemClock } from '@ganzhi/runtime';
import { runFlow } from './run-flow.js';
import { ALLOW_ALL_ADDRESSES, createAddressPolicy } from './safety/address-policy.js';
import { SECRET_MASK } from './flow/mask-secrets.js';

/** A tiny web hall: login sets a session cookie and returns a token; the bill needs both. */
function handle(request: http.IncomingMessage, response: http.ServerResponse): void {
  const url = new URL(request.url ?? '/', 'http://hall');
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
  secrets: { HALL_PASSWORD: 's3cret-pass' },
};

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

  it('reports an undefined variable at run time instead of sending a literal placeholder', async () => {
    const result = await runFlow(steps([{ kind: 'http', url: `${base}/bill?x={{nowhere}}` }]), options);
    expect(result).toMatchObject({ ok: false, errorClass: 'internal' });
    expect(result.errorMessage).toContain('unknown variable {{nowhere}}');
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
});
