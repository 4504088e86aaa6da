// The authorisation matrix: every operation of the OpenAPI document × every kind of caller → the status its
// declared access (`x-ganzhi-access`) implies. A new route without a declaration fails here and at start.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BUILTIN_ROLES, PERMISSIONS, type Permission, type RouteAccess } from '@ganzhi/contracts';
import { FakeClock } from '@ganzhi/testing';
import { openTestApp, type TestApp } from '../test-app.js';

interface Operation {
  readonly method: string;
  readonly path: string;
  readonly url: string;
  readonly access: RouteAccess | undefined;
  readonly scope: 'province' | undefined;
}

type Caller =
  | { kind: 'none' }
  | { kind: 'role'; role: string; regions: readonly string[]; headers: Record<string, string> }
  | { kind: 'token'; scope: Permission; headers: Record<string, string> }
  | { kind: 'agent'; headers: Record<string, string> };

const ORIGIN = 'http://localhost';
const PASSWORD = 'matrix-password-2026';

/** What the declared access lets this caller reach: true = past authorisation, a number = the refusal status. */
function expectedRefusal(operation: Operation, caller: Caller): 401 | 403 | null {
  const access = operation.access ?? 'public';
  if (access === 'public') return null;
  if (caller.kind === 'none') return 401;
  if (access === 'agent') return caller.kind === 'agent' ? null : 401;
  if (caller.kind === 'agent') return 401;
  if (access === 'user') return caller.kind === 'token' ? 403 : null;
  if (access === 'authenticated') return null;
  if (operation.scope === 'province' && caller.kind === 'role' && caller.regions.length > 0) return 403;
  const permissions: readonly Permission[] =
    caller.kind === 'role' ? (BUILTIN_ROLES[caller.role]?.permissions ?? []) : [caller.scope];
  return permissions.includes(access) ? null : 403;
}

describe('authorisation matrix', () => {
  let harness: TestApp;
  let operations: Operation[];
  const callers: Caller[] = [{ kind: 'none' }];

  beforeAll(async () => {
    harness = await openTestApp({ dialect: 'sqlite', clock: new FakeClock(Date.UTC(2026, 11, 3, 2)) });
    const { app } = harness;
    const admin = { ...harness.sessionHeaders };
    // Each built-in role province-wide, and an admin and an operator bound to another city than the data's.
    const bindings = [
      ...Object.keys(BUILTIN_ROLES).map((role) => ({ role, regions: [] as string[] })),
      { role: 'admin', regions: ['zhuzhou'] },
      { role: 'operator', regions: ['zhuzhou'] },
    ];
    for (const [index, { role, regions }] of bindings.entries()) {
      const username = `matrix-${index}-${role.replace('_', '-')}`;
      const created = await app.inject({
        method: 'POST',
        url: '/api/v1/users',
        headers: admin,
        payload: { username, password: PASSWORD, roles: [role], regions },
      });
      expect(created.statusCode).toBe(201);
      const login = await app.inject({
        method: 'POST',
        url: '/api/v1/auth/login',
        payload: { username, password: PASSWORD },
      });
      const cookie = String(login.headers['set-cookie']).split(';')[0] ?? '';
      callers.push({ kind: 'role', role, regions, headers: { cookie, origin: ORIGIN } });
    }
    for (const scope of PERMISSIONS) {
      const issued = await app.inject({
        method: 'POST',
        url: '/api/v1/tokens',
        headers: admin,
        payload: { name: `only ${scope}`, scopes: [scope] },
      });
      callers.push({
        kind: 'token',
        scope,
        headers: { authorization: `Bearer ${issued.json<{ token: string }>().token}` },
      });
    }
    const enrolment = await app.inject({
      method: 'POST',
      url: '/api/v1/agents/enrolment-tokens',
      headers: admin,
      payload: { location: 'changsha' },
    });
    const enrolled = await app.inject({
      method: 'POST',
      url: '/api/v1/agent/enrol',
      headers: { authorization: `Bearer ${enrolment.json<{ token: string }>().token}` },
      payload: { name: 'matrix-agent', location: 'changsha', version: '0.1.0', hostname: 'matrix' },
    });
    expect(enrolled.statusCode).toBe(201);
    callers.push({
      kind: 'agent',
      headers: { authorization: `Bearer ${enrolled.json<{ credential: string }>().credential}` },
    });

    const document = (await app.inject({ url: '/api/v1/openapi.json' })).json<{
      paths: Record<
        string,
        Record<string, { 'x-ganzhi-access'?: RouteAccess; 'x-ganzhi-scope'?: 'province' }>
      >;
    }>();
    operations = Object.entries(document.paths).flatMap(([path, methods]) =>
      Object.entries(methods).map(([method, operation]) => ({
        method: method.toUpperCase(),
        path,
        url: path.replace(/\{[^}]+\}/g, 'matrix-x'),
        access: operation['x-ganzhi-access'],
        scope: operation['x-ganzhi-scope'],
      })),
    );
    // Signing out ends the caller's session: it goes last.
    operations.sort(
      (a, b) => Number(a.path === '/api/v1/auth/logout') - Number(b.path === '/api/v1/auth/logout'),
    );
  }, 120_000);

  afterAll(() => harness.close());

  it('documents an access declaration for every operation', () => {
    expect(operations.length).toBeGreaterThan(60);
    expect(operations.filter((operation) => operation.access === undefined)).toEqual([]);
  });

  it('answers every operation × caller as the declared access says', async () => {
    const mismatches: string[] = [];
    let checked = 0;
    for (const operation of operations) {
      for (const caller of callers) {
        const response = await harness.app.inject({
          method: operation.method as 'GET',
          url: operation.url,
          headers: caller.kind === 'none' ? {} : caller.headers,
          ...(['POST', 'PUT', 'PATCH'].includes(operation.method) ? { payload: {} } : {}),
        });
        const expected = expectedRefusal(operation, caller);
        const status = response.statusCode;
        const ok = expected === null ? status !== 401 && status !== 403 : status === expected;
        checked += 1;
        if (!ok) {
          const who =
            caller.kind === 'role'
              ? `${caller.role}@${caller.regions.join(',') || 'province'}`
              : caller.kind === 'token'
                ? `token:${caller.scope}`
                : caller.kind;
          mismatches.push(
            `${operation.method} ${operation.path} as ${who}: ${status}, expected ${expected ?? 'not 401/403'}`,
          );
        }
      }
    }
    expect(mismatches).toEqual([]);
    expect(checked).toBe(operations.length * callers.length);
  }, 300_000);

  it('refuses to start with a route that declares no access', async () => {
    const { buildApp } = await import('../app.js');
    const { createMetrics } = await import('./metrics.js');
    const { createSilentLogger } = await import('@ganzhi/runtime');
    const app = await buildApp({
      services: harness.services,
      metrics: createMetrics(),
      logger: createSilentLogger(),
      consoleDir: '/nonexistent',
      version: 'test',
      isShuttingDown: () => false,
    });
    app.get('/api/v1/forgotten', () => ({ open: true }));
    await expect(app.ready()).rejects.toThrow(/without an access declaration: GET \/api\/v1\/forgotten/);
  });
});
