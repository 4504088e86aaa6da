import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { createSilentLogger } from '@ganzhi/runtime';
import { Secret } from '@ganzhi/runtime';
import { buildApp } from './app.js';
import { openTestDatabase, type TestDatabase } from './db/each-dialect.js';
import { createMetrics } from './http/metrics.js';
import { createProbingSetup } from '@ganzhi/probes';
import { createServices, type Services } from './services.js';
import { NO_BROWSER_PROBING, createTestSecretBox } from './test-probing.js';
import { systemClock } from '@ganzhi/runtime';

const PASSWORD = 'correct horse battery';

describe('HTTP API', () => {
  let database: TestDatabase;
  let services: Services;
  let app: FastifyInstance;
  let target: Server;
  let targetUrl: string;
  let cookie: string;

  beforeAll(async () => {
    target = createServer((request, response) => {
      response.writeHead(request.url === '/broken' ? 500 : 200, { 'content-type': 'text/plain' });
      response.end('余额 balance 42.00');
    });
    await new Promise<void>((resolve) => target.listen(0, '127.0.0.1', resolve));
    targetUrl = `http://127.0.0.1:${(target.address() as AddressInfo).port}`;
    database = await openTestDatabase('sqlite');
    const metrics = createMetrics();
    services = createServices({
      db: database.db,
      clock: systemClock,
      logger: createSilentLogger(),
      metrics,
      timeZone: 'Asia/Shanghai',
      version: 'test',
      probeConcurrency: 4,
      agentClockSkewMs: 2000,
      probing: await createProbingSetup(NO_BROWSER_PROBING),
      secretBox: createTestSecretBox(),
    });
    await services.dimensions.seedDefaults();
    await services.auth.bootstrapAdmin({ password: new Secret(PASSWORD) });
    app = await buildApp({
      services,
      metrics,
      logger: createSilentLogger(),
      consoleDir: '/nonexistent',
      version: 'test',
      isShuttingDown: () => false,
    });
    const login = await app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { username: 'admin', password: PASSWORD },
    });
    cookie = String(login.headers['set-cookie']).split(';')[0] ?? '';
  });

  afterAll(async () => {
    await app.close();
    await services.builtinAgent.stop();
    await database.destroy();
    await new Promise((resolve) => target.close(resolve));
  });

  const authed = (options: { method: 'GET' | 'POST' | 'PUT' | 'DELETE'; url: string; payload?: unknown }) =>
    app.inject({
      ...options,
      headers: { cookie, 'sec-fetch-site': 'same-origin' },
      payload: options.payload as object | undefined,
    });

  it('refuses anonymous API calls with the error envelope', async () => {
    const response = await app.inject({
      method: 'GET',
      url: '/api/v1/checks',
      headers: { 'x-request-id': 'abc-123' },
    });
    expect(response.statusCode).toBe(401);
    expect(response.json()).toEqual({
      error: { code: 'UNAUTHENTICATED', message: 'authentication required', requestId: 'abc-123' },
    });
  });

  it('refuses a wrong password without saying which part was wrong', async () => {
    const response = await app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { username: 'admin', password: 'nope' },
    });
    expect(response.statusCode).toBe(401);
    expect(response.json().error.message).toBe('invalid username or password');
  });

  it('serves health, readiness and metrics without login', async () => {
    expect((await app.inject({ url: '/healthz' })).statusCode).toBe(200);
    expect((await app.inject({ url: '/readyz' })).json()).toEqual({ status: 'ready' });
    const metrics = await app.inject({ url: '/metrics' });
    expect(metrics.body).toContain('ganzhi_runs_executed_total');
    expect(metrics.body).toContain('ganzhi_db_query_duration_seconds');
    expect(metrics.body).toContain('ganzhi_process_cpu_seconds_total');
  });

  it('publishes an OpenAPI document naming the check routes', async () => {
    const response = await app.inject({ url: '/api/v1/openapi.json' });
    const document = response.json() as { openapi: string; paths: Record<string, unknown> };
    expect(document.openapi).toMatch(/^3\./);
    expect(Object.keys(document.paths)).toEqual(
      expect.arrayContaining([
        '/api/v1/checks',
        '/api/v1/checks/{id}',
        '/api/v1/checks/{id}/runs',
        '/api/v1/auth/login',
      ]),
    );
  });

  it('lists every field error of an invalid check at once', async () => {
    const response = await authed({
      method: 'POST',
      url: '/api/v1/checks',
      payload: { name: '', intervalSeconds: 1, steps: [{ kind: 'http', url: 'ftp://x', timeoutMs: 5 }] },
    });
    expect(response.statusCode).toBe(400);
    const body = response.json() as { error: { code: string; details: { path: string }[] } };
    expect(body.error.code).toBe('VALIDATION_FAILED');
    expect(body.error.details.map((d) => d.path).sort()).toEqual([
      'intervalSeconds',
      'name',
      'steps.0.timeoutMs',
      'steps.0.url',
    ]);
  });

  it('answers malformed JSON with a 400 envelope', async () => {
    const response = await app.inject({
      method: 'POST',
      url: '/api/v1/checks',
      headers: { cookie, 'sec-fetch-site': 'same-origin', 'content-type': 'application/json' },
      payload: '{"name": ',
    });
    expect(response.statusCode).toBe(400);
    expect(response.json().error.code).toBe('VALIDATION_FAILED');
  });

  it('creates a check, runs it, and shows the run, its phases and its rollup', async () => {
    const created = await authed({
      method: 'POST',
      url: '/api/v1/checks',
      payload: {
        name: 'balance',
        channel: 'web_hall',
        business: 'balance_query',
        region: 'changsha',
        steps: [{ kind: 'http', url: `${targetUrl}/balance`, bodyContains: 'balance' }],
      },
    });
    expect(created.statusCode).toBe(201);
    const id = (created.json() as { id: string }).id;
    const ran = await authed({ method: 'POST', url: `/api/v1/checks/${id}/run-now` });
    expect(ran.json()).toMatchObject({ ok: true, checkId: id, location: 'local' });

    const runs = (await authed({ method: 'GET', url: `/api/v1/checks/${id}/runs` })).json() as {
      items: { ok: boolean; steps: { timings: { connectMs: number | null; totalMs: number } }[] }[];
    };
    expect(runs.items.length).toBeGreaterThanOrEqual(1);
    expect(runs.items[0]?.steps[0]?.timings.connectMs).toBeGreaterThanOrEqual(0);

    const series = (
      await authed({ method: 'GET', url: `/api/v1/checks/${id}/series?resolution=minute` })
    ).json() as {
      total: { count: number; tiers: { fast: number } };
    };
    expect(series.total.count).toBe(runs.items.length);
    expect(series.total.tiers.fast).toBe(runs.items.length);

    const list = (await authed({ method: 'GET', url: '/api/v1/checks' })).json() as {
      items: { id: string; status: string }[];
    };
    expect(list.items.find((item) => item.id === id)?.status).toBe('up');
  });

  it('records an unreachable target as a classified failed run', async () => {
    const created = await authed({
      method: 'POST',
      url: '/api/v1/checks',
      payload: { name: 'broken', steps: [{ kind: 'http', url: `${targetUrl}/broken` }] },
    });
    const id = (created.json() as { id: string }).id;
    const ran = (await authed({ method: 'POST', url: `/api/v1/checks/${id}/run-now` })).json() as {
      ok: boolean;
      errorClass: string;
    };
    expect(ran).toMatchObject({ ok: false, errorClass: 'http_status' });
  });

  it('updates and deletes a check, then answers 404 with the envelope', async () => {
    const created = await authed({
      method: 'POST',
      url: '/api/v1/checks',
      payload: { name: 'temp', steps: [{ kind: 'http', url: targetUrl }] },
    });
    const id = (created.json() as { id: string }).id;
    const updated = await authed({
      method: 'PUT',
      url: `/api/v1/checks/${id}`,
      payload: { name: 'temp2', intervalSeconds: 30, steps: [{ kind: 'http', url: targetUrl }] },
    });
    expect(updated.json()).toMatchObject({ name: 'temp2', intervalSeconds: 30 });
    expect((await authed({ method: 'DELETE', url: `/api/v1/checks/${id}` })).statusCode).toBe(204);
    const gone = await authed({ method: 'GET', url: `/api/v1/checks/${id}` });
    expect(gone.statusCode).toBe(404);
    expect(gone.json().error.code).toBe('NOT_FOUND');
  });

  it('issues API tokens that authenticate as bearer', async () => {
    const issued = await authed({
      method: 'POST',
      url: '/api/v1/tokens',
      payload: { name: 'script', scopes: ['checks:read'] },
    });
    expect(issued.statusCode).toBe(201);
    const token = (issued.json() as { token: string }).token;
    const response = await app.inject({
      url: '/api/v1/auth/me',
      headers: { authorization: `Bearer ${token}` },
    });
    expect(response.json()).toEqual({ user: expect.objectContaining({ username: 'admin' }) as unknown });
    const forged = await app.inject({
      url: '/api/v1/auth/me',
      headers: { authorization: 'Bearer gzt_nope' },
    });
    expect(forged.statusCode).toBe(401);
  });

  it('publishes the check JSON Schema naming every step kind', async () => {
    const response = await app.inject({
      url: '/api/v1/schemas/check.json',
      headers: { cookie, 'sec-fetch-site': 'same-origin' },
    });
    expect(response.statusCode).toBe(200);
    const text = response.body;
    for (const kind of ['http', 'tcp', 'dns', 'tls', 'browser', 'wait'])
      expect(text).toContain(`"const":"${kind}"`);
    expect((response.json() as { properties: Record<string, unknown> }).properties).toHaveProperty('steps');
  });

  it('rejects a flow with an unknown variable and a bad JSONPath at save time, naming the fields', async () => {
    const response = await authed({
      method: 'POST',
      url: '/api/v1/checks',
      payload: {
        name: 'bad flow',
        steps: [
          {
            kind: 'http',
            url: `${targetUrl}/{{nope}}`,
            extract: [{ variable: 't', from: 'jsonPath', expression: 'x.y' }],
          },
        ],
      },
    });
    expect(response.statusCode).toBe(400);
    const paths = (response.json() as { error: { details: { path: string }[] } }).error.details.map(
      (d) => d.path,
    );
    expect(paths).toEqual(['steps.0.url', 'steps.0.extract.0.expression']);
  });

  it('refuses browser steps where no Chromium is available', async () => {
    const response = await authed({
      method: 'POST',
      url: '/api/v1/checks',
      payload: {
        name: 'browser here',
        steps: [{ kind: 'browser', actions: [{ action: 'goto', url: targetUrl }] }],
      },
    });
    expect(response.json()).toMatchObject({
      error: {
        details: [{ path: 'steps.0.kind', message: '"browser" steps are not supported at this location' }],
      },
    });
  });

  it('tries a flow without saving it, and stores the problem scene of a failed run', async () => {
    const definition = {
      name: 'try me',
      variables: { path: 'broken' },
      steps: [
        { kind: 'http', url: `${targetUrl}/ok` },
        { kind: 'http', name: 'second', url: `${targetUrl}/{{path}}` },
      ],
    };
    const tried = await authed({ method: 'POST', url: '/api/v1/checks/try', payload: definition });
    const result = tried.json() as {
      ok: boolean;
      steps: unknown[];
      artifacts: { kind: string; dataBase64: string }[];
    };
    expect(result).toMatchObject({ ok: false, errorClass: 'http_status' });
    expect(result.steps).toHaveLength(2);
    const scene = JSON.parse(
      Buffer.from(result.artifacts[0]?.dataBase64 ?? '', 'base64').toString(),
    ) as unknown;
    expect(scene).toMatchObject({ response: { status: 500 } });
    const list = (await authed({ method: 'GET', url: '/api/v1/checks' })).json() as {
      items: { name: string }[];
    };
    expect(list.items.some((c) => c.name === 'try me')).toBe(false);

    const created = await authed({ method: 'POST', url: '/api/v1/checks', payload: definition });
    const id = (created.json() as { id: string }).id;
    const run = (await authed({ method: 'POST', url: `/api/v1/checks/${id}/run-now` })).json() as {
      id: string;
      artifacts: { id: string; kind: string; contentType: string }[];
    };
    expect(run.artifacts).toEqual([
      expect.objectContaining({ kind: 'response', contentType: 'application/json' }),
    ]);
    const stored = await authed({
      method: 'GET',
      url: `/api/v1/runs/${run.id}/artifacts/${run.artifacts[0]?.id ?? ''}`,
    });
    expect(stored.headers['content-type']).toContain('application/json');
    expect(stored.json()).toMatchObject({ response: { status: 500 } });
    const runs = (await authed({ method: 'GET', url: `/api/v1/checks/${id}/runs` })).json() as {
      items: { artifacts: unknown[] }[];
    };
    expect(runs.items[0]?.artifacts).toHaveLength(1);
  });

  it('lists the built-in agent', async () => {
    await services.builtinAgent.start();
    const agents = (await authed({ method: 'GET', url: '/api/v1/agents' })).json() as {
      items: { location: string; health: string }[];
    };
    expect(agents.items).toEqual([
      expect.objectContaining({ location: 'local', health: 'healthy', builtin: true }),
    ]);
  });
});

describe('console files', () => {
  it('serves the built console without login and falls back to index.html for client routes', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ganzhi-console-'));
    mkdirSync(join(dir, 'assets'));
    writeFileSync(join(dir, 'index.html'), '<!doctype html><title>感知</title>');
    writeFileSync(join(dir, 'assets', 'app.js'), 'console.log(1)');
    const database = await openTestDatabase('sqlite');
    const metrics = createMetrics();
    const services = createServices({
      db: database.db,
      clock: systemClock,
      logger: createSilentLogger(),
      metrics,
      timeZone: 'UTC',
      version: 'test',
      probeConcurrency: 1,
      agentClockSkewMs: 2000,
      probing: await createProbingSetup(NO_BROWSER_PROBING),
      secretBox: createTestSecretBox(),
    });
    const app = await buildApp({
      services,
      metrics,
      logger: createSilentLogger(),
      consoleDir: dir,
      version: 'test',
      isShuttingDown: () => false,
    });
    try {
      expect((await app.inject({ url: '/' })).body).toContain('感知');
      expect((await app.inject({ url: '/assets/app.js' })).statusCode).toBe(200);
      expect((await app.inject({ url: '/checks/abc' })).body).toContain('感知');
      expect((await app.inject({ url: '/api/v1/nope' })).json()).toMatchObject({
        error: { code: 'NOT_FOUND' },
      });
      expect((await app.inject({ url: '/api/v1/checks' })).statusCode).toBe(401);
    } finally {
      await app.close();
      await database.destroy();
    }
  });
});
