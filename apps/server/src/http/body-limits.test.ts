import { PassThrough } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ErrorEnvelope } from '@ganzhi/contracts';
import { FakeClock } from '@ganzhi/testing';
import { openTestApp, type TestApp } from '../test-app.js';
import { exceedsJsonDepth } from './json-depth.js';

const NOW = Date.UTC(2026, 10, 30, 6, 30);
const deep = (levels: number) => `${'['.repeat(levels)}${']'.repeat(levels)}`;

describe('exceedsJsonDepth', () => {
  it('counts arrays and objects, not brackets inside strings or after escaped quotes', () => {
    expect(exceedsJsonDepth('[[[]]]', 3)).toBe(false);
    expect(exceedsJsonDepth('[[[]]]', 2)).toBe(true);
    expect(exceedsJsonDepth('{"a":{"b":[1]}}', 2)).toBe(true);
    expect(exceedsJsonDepth(`{"a":"${'['.repeat(500)}"}`, 2)).toBe(false);
    expect(exceedsJsonDepth(`{"a":"\\"${'{'.repeat(500)}"}`, 2)).toBe(false);
    // Siblings do not add up: depth is nesting, not the number of brackets.
    expect(exceedsJsonDepth(`[${Array.from({ length: 500 }, () => '[]').join(',')}]`, 2)).toBe(false);
  });
});

describe('request body limits', () => {
  let harness: TestApp;
  let token: string;

  beforeAll(async () => {
    harness = await openTestApp({ dialect: 'sqlite', clock: new FakeClock(NOW) });
    token = await harness.createToken('limits');
  });
  afterAll(() => harness.close());

  const send = (request: { method: 'POST' | 'PUT'; url: string; body: string; type?: string }) =>
    harness.app.inject({
      method: request.method,
      url: request.url,
      headers: { authorization: `Bearer ${token}`, 'content-type': request.type ?? 'application/json' },
      payload: request.body,
    });

  function expectTooDeep(response: { statusCode: number; json: <T>() => T }): void {
    expect(response.statusCode).toBe(400);
    const { error } = response.json<ErrorEnvelope>();
    expect(error.code).toBe('VALIDATION_FAILED');
    expect(error.message).toContain('nests deeper than 64 levels');
  }

  it('refuses JSON nested 2,000 deep with 400 on every kind of route, before anything is stored', async () => {
    const check = {
      name: 'deep body',
      steps: [{ kind: 'http', url: 'http://127.0.0.1:9/', method: 'POST', json: { payload: '__DEEP__' } }],
    };
    const checkBody = JSON.stringify(check).replace('"__DEEP__"', deep(2000));
    expectTooDeep(await send({ method: 'POST', url: '/api/v1/checks', body: checkBody }));
    expect((await harness.services.checks.listChecks()).some((c) => c.name === 'deep body')).toBe(false);
    expectTooDeep(
      await send({ method: 'PUT', url: '/api/v1/dimensions', body: `{"channels":[],"note":${deep(2000)}}` }),
    );
    const record = { time: NOW - 60_000, business: 'payment', channel: 'web_hall', region: 'changsha' };
    const deepRecord = JSON.stringify({ ...record, latencyMs: 5, outcome: 'ok', extra: '__DEEP__' }).replace(
      '"__DEEP__"',
      deep(2000),
    );
    expectTooDeep(
      await send({ method: 'POST', url: '/api/v1/ingest/transactions', body: `[${deepRecord}]` }),
    );
    expectTooDeep(
      await send({
        method: 'POST',
        url: '/api/v1/ingest/transactions',
        body: deepRecord,
        type: 'application/x-ndjson',
      }),
    );
  });

  it('still parses ordinary JSON and answers malformed JSON with 400', async () => {
    const created = await send({
      method: 'POST',
      url: '/api/v1/checks',
      body: JSON.stringify({ name: 'shallow', steps: [{ kind: 'wait', durationMs: 10 }] }),
    });
    expect(created.statusCode).toBe(201);
    expect((await send({ method: 'POST', url: '/api/v1/checks', body: '{"name":' })).statusCode).toBe(400);
    const oversized = JSON.stringify({ name: 'x'.repeat(3 * 1024 * 1024) });
    expect((await send({ method: 'POST', url: '/api/v1/checks', body: oversized })).statusCode).toBe(413);
    expect(
      (await send({ method: 'POST', url: '/api/v1/checks', body: '{"__proto__":{"x":1}}' })).statusCode,
    ).toBe(400);
  });

  it('reads at most four large bodies at once; the fifth gets 503 with Retry-After, and slots come back', async () => {
    const size = 2 * 1024 * 1024;
    const streams = Array.from({ length: 4 }, () => new PassThrough());
    const pending = streams.map((stream) =>
      harness.app.inject({
        method: 'POST',
        url: '/api/v1/ingest/transactions',
        headers: {
          authorization: `Bearer ${token}`,
          'content-type': 'application/x-ndjson',
          'content-length': String(size),
        },
        payload: stream,
      }),
    );
    // Each slow upload has started: its first bytes are being read.
    for (const stream of streams) stream.write(' '.repeat(1024));
    await new Promise((resolve) => setTimeout(resolve, 50));
    const large = {
      method: 'POST',
      url: '/api/v1/ingest/transactions',
      body: ' '.repeat(size),
      type: 'text/plain',
    } as const;
    const refused = await send(large);
    expect(refused.statusCode).toBe(503);
    expect(refused.headers['retry-after']).toBe('5');
    expect(refused.json<ErrorEnvelope>().error.code).toBe('UNAVAILABLE');
    for (const stream of streams) stream.end(' '.repeat(size - 1024));
    for (const response of await Promise.all(pending)) expect(response.statusCode).toBe(200);
    const again = await send(large);
    expect(again.statusCode).toBe(200);
  });
});
