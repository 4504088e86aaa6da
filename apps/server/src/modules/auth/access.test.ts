import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeClock } from '@ganzhi/testing';
import { describeEachDialect } from '../../db/each-dialect.js';
import { openTestApp, type TestApp } from '../../test-app.js';

const ORIGIN = 'http://localhost';
const PASSWORD = 'Changsha-operator-7';

describeEachDialect('users, roles, tokens and the audit log', (dialect) => {
  const clock = new FakeClock(Date.UTC(2026, 11, 3, 2));
  let harness: TestApp;

  beforeAll(async () => {
    harness = await openTestApp({ dialect, clock });
  });
  afterAll(() => harness.close());

  /** Signs the admin in afresh for each call: the tests move the clock past the session idle timeout. */
  async function asAdmin(options: {
    method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
    url: string;
    payload?: object;
  }) {
    const { headers } = await signIn('admin', 'test-app-password', '127.0.0.1');
    return harness.app.inject({ ...options, headers });
  }

  async function signIn(username: string, password = PASSWORD, address = '10.1.1.1') {
    const response = await harness.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { username, password },
      remoteAddress: address,
    });
    return {
      response,
      headers: { cookie: String(response.headers['set-cookie']).split(';')[0] ?? '', origin: ORIGIN },
    };
  }

  it('refuses a password that breaks the policy, naming the problems on the field', async () => {
    const response = await asAdmin({
      method: 'POST',
      url: '/api/v1/users',
      payload: { username: 'weakling', password: 'weakling12', roles: ['viewer'] },
    });
    expect(response.statusCode).toBe(400);
    expect(response.json().error.details).toEqual([
      {
        path: 'password',
        code: 'password_contains_username',
        message: 'must not be or contain the username',
      },
    ]);
    const common = await asAdmin({
      method: 'POST',
      url: '/api/v1/users',
      payload: { username: 'zhang.wei', password: 'qwertyuiop', roles: ['viewer'] },
    });
    expect(common.json().error.details).toEqual([
      { path: 'password', code: 'password_too_common', message: 'too common: it is among the first guessed' },
    ]);
    const short = await asAdmin({
      method: 'POST',
      url: '/api/v1/users',
      payload: { username: 'zhang.wei', password: 'x7#Kp2', roles: ['nobody'] },
    });
    expect(short.json().error.details).toEqual([
      {
        path: 'password',
        code: 'password_too_short',
        params: { minimum: 10 },
        message: 'at least 10 characters',
      },
    ]);
  });

  it('creates a city operator who sees the users page refused and the refusal audited', async () => {
    const created = await asAdmin({
      method: 'POST',
      url: '/api/v1/users',
      payload: { username: 'cs.operator', password: PASSWORD, roles: ['operator'], regions: ['changsha'] },
    });
    expect(created.statusCode).toBe(201);
    expect(created.json()).toMatchObject({
      username: 'cs.operator',
      roles: ['operator'],
      regions: ['changsha'],
    });
    const { headers } = await signIn('cs.operator');
    const me = await harness.app.inject({ url: '/api/v1/auth/me', headers });
    expect(me.json().user).toMatchObject({ username: 'cs.operator', regions: ['changsha'] });
    expect(me.json().user.permissions).toContain('checks:write');
    expect(me.json().user.permissions).not.toContain('users:manage');
    const users = await harness.app.inject({ url: '/api/v1/users', headers });
    expect(users.statusCode).toBe(403);
    expect(users.json().error).toMatchObject({
      code: 'FORBIDDEN',
      reason: 'permission_required',
      params: { permission: 'users:read' },
      message: 'this needs the permission users:read',
    });
    const audit = await asAdmin({ method: 'GET', url: '/api/v1/audit-events?actor=cs.operator' });
    const events = audit.json().items as { action: string; outcome: string; detail: string | null }[];
    expect(events).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          action: 'GET /users',
          outcome: 'denied',
          detail: 'this needs the permission users:read',
        }),
        expect.objectContaining({ action: 'login', outcome: 'ok' }),
      ]),
    );
    const creation = await asAdmin({ method: 'GET', url: '/api/v1/audit-events?resource=user' });
    expect(creation.json().items).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          action: 'user.create',
          actor: 'admin',
          resourceId: 'cs.operator',
          changes: expect.objectContaining({
            'roles.0': [null, 'operator'],
            'regions.0': [null, 'changsha'],
          }) as unknown,
        }),
      ]),
    );
  });

  it('lets nobody grant rights they do not hold', async () => {
    const { headers } = await signIn('cs.operator');
    const token = await harness.app.inject({
      method: 'POST',
      url: '/api/v1/tokens',
      headers,
      payload: { name: 'too wide', scopes: ['checks:read', 'users:manage'] },
    });
    expect(token.statusCode).toBe(403);
    expect(token.json().error.message).toBe('a token cannot have rights you do not hold: users:manage');
    const outside = await harness.app.inject({
      method: 'POST',
      url: '/api/v1/tokens',
      headers,
      payload: { name: 'other city', scopes: ['checks:read'], regions: ['zhuzhou'] },
    });
    expect(outside.statusCode).toBe(403);
    expect(outside.json().error.message).toContain('zhuzhou');
  });

  it('refuses unknown fields in a token request instead of dropping them', async () => {
    const response = await asAdmin({
      method: 'POST',
      url: '/api/v1/tokens',
      payload: { name: 'log shipper', scope: ['ingest:write'], scopes: ['ingest:write'] },
    });
    expect(response.statusCode).toBe(400);
    expect(JSON.stringify(response.json().error.details)).toContain('scope');
  });

  it('gives a log shipper token only ingestion, and a revoked or expired token 401 at once', async () => {
    const issued = await asAdmin({
      method: 'POST',
      url: '/api/v1/tokens',
      payload: {
        name: 'hall logs',
        scopes: ['ingest:write'],
        expiresAt: new Date(clock.now() + 3_600_000).toISOString(),
      },
    });
    expect(issued.statusCode).toBe(201);
    const { token, id } = issued.json<{ token: string; id: string }>();
    const bearer = { authorization: `Bearer ${token}` };
    const ingest = await harness.app.inject({
      method: 'POST',
      url: '/api/v1/ingest/transactions',
      headers: bearer,
      payload: [],
    });
    expect(ingest.statusCode).not.toBe(403);
    for (const [method, url] of [
      ['POST', '/api/v1/checks'],
      ['POST', '/api/v1/tokens'],
      ['GET', '/api/v1/users'],
    ] as const) {
      const refused = await harness.app.inject({ method, url, headers: bearer, payload: {} });
      expect(refused.statusCode).toBe(403);
    }
    const listed = await asAdmin({ method: 'GET', url: '/api/v1/tokens' });
    expect(listed.json().items).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ id, name: 'hall logs', scopes: ['ingest:write'], owner: 'admin' }),
      ]),
    );
    await clock.advance(3_600_000);
    const expired = await harness.app.inject({
      method: 'POST',
      url: '/api/v1/ingest/transactions',
      headers: bearer,
      payload: [],
    });
    expect(expired.statusCode).toBe(401);

    const second = await asAdmin({
      method: 'POST',
      url: '/api/v1/tokens',
      payload: { name: 'short', scopes: ['checks:read'] },
    });
    const secondBearer = { authorization: `Bearer ${second.json<{ token: string }>().token}` };
    expect((await harness.app.inject({ url: '/api/v1/checks', headers: secondBearer })).statusCode).toBe(200);
    const revoked = await asAdmin({
      method: 'DELETE',
      url: `/api/v1/tokens/${second.json<{ id: string }>().id}`,
    });
    expect(revoked.statusCode).toBe(204);
    expect((await harness.app.inject({ url: '/api/v1/checks', headers: secondBearer })).statusCode).toBe(401);
  });

  it('ends every session of a user who is disabled or whose password is reset', async () => {
    await asAdmin({
      method: 'POST',
      url: '/api/v1/users',
      payload: { username: 'zz.viewer', password: PASSWORD, roles: ['viewer'], regions: ['zhuzhou'] },
    });
    const first = await signIn('zz.viewer');
    expect((await harness.app.inject({ url: '/api/v1/auth/me', headers: first.headers })).statusCode).toBe(
      200,
    );
    const reset = await asAdmin({
      method: 'POST',
      url: '/api/v1/users/zz.viewer/password',
      payload: { password: 'Another-pass-2026' },
    });
    expect(reset.statusCode).toBe(204);
    expect((await harness.app.inject({ url: '/api/v1/auth/me', headers: first.headers })).statusCode).toBe(
      401,
    );
    const second = await signIn('zz.viewer', 'Another-pass-2026');
    expect(second.response.statusCode).toBe(200);
    const disabled = await asAdmin({
      method: 'PATCH',
      url: '/api/v1/users/zz.viewer',
      payload: { disabled: true },
    });
    expect(disabled.json()).toMatchObject({ disabled: true });
    expect((await harness.app.inject({ url: '/api/v1/auth/me', headers: second.headers })).statusCode).toBe(
      401,
    );
    const again = await signIn('zz.viewer', 'Another-pass-2026');
    expect(again.response.statusCode).toBe(401);
  });

  it('ends idle sessions and rotates the session at sign-in', async () => {
    const first = await signIn('cs.operator');
    const second = await harness.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      headers: { cookie: first.headers.cookie, origin: ORIGIN },
      payload: { username: 'cs.operator', password: PASSWORD },
    });
    expect(String(second.headers['set-cookie'])).not.toContain(first.headers.cookie);
    expect((await harness.app.inject({ url: '/api/v1/auth/me', headers: first.headers })).statusCode).toBe(
      401,
    );
    const cookie = String(second.headers['set-cookie']).split(';')[0] ?? '';
    await clock.advance(59 * 60_000);
    expect((await harness.app.inject({ url: '/api/v1/auth/me', headers: { cookie } })).statusCode).toBe(200);
    await clock.advance(61 * 60_000);
    expect((await harness.app.inject({ url: '/api/v1/auth/me', headers: { cookie } })).statusCode).toBe(401);
  });

  it('slows down guessing per user and per address, the same for users that do not exist', async () => {
    for (const username of ['cs.operator', 'no.such.user']) {
      const statuses: number[] = [];
      for (let attempt = 0; attempt < 5; attempt += 1) {
        const { response } = await signIn(username, 'wrong-password-1', `10.9.9.${username.length}`);
        statuses.push(response.statusCode);
      }
      expect(statuses).toEqual([401, 401, 401, 401, 429]);
    }
    const { response } = await signIn('cs.operator', PASSWORD, '10.2.2.2');
    expect(response.statusCode).toBe(429);
    await clock.advance(2_000);
    expect((await signIn('cs.operator', PASSWORD, '10.2.2.2')).response.statusCode).toBe(200);
    const failures = await asAdmin({ method: 'GET', url: '/api/v1/audit-events?outcome=failed' });
    expect(failures.json().items.length).toBeGreaterThanOrEqual(8);
  });

  it('records a check change with its before and after state', async () => {
    const created = await asAdmin({
      method: 'POST',
      url: '/api/v1/checks',
      payload: {
        name: 'Audited',
        intervalSeconds: 60,
        steps: [{ kind: 'http', name: 'home', url: 'http://127.0.0.1:9/' }],
      },
    });
    expect(created.statusCode).toBe(201);
    const id = created.json<{ id: string }>().id;
    const updated = await asAdmin({
      method: 'PUT',
      url: `/api/v1/checks/${id}`,
      payload: {
        name: 'Audited',
        intervalSeconds: 300,
        steps: [{ kind: 'http', name: 'home', url: 'http://127.0.0.1:9/' }],
      },
    });
    expect(updated.statusCode).toBe(200);
    const events = (await asAdmin({ method: 'GET', url: '/api/v1/audit-events?resource=checks' })).json()
      .items as {
      action: string;
      resourceId: string;
      changes: Record<string, [unknown, unknown]>;
      requestId: string;
    }[];
    const update = events.find((event) => event.action === 'PUT /checks/:id');
    expect(update).toMatchObject({
      resourceId: id,
      changes: expect.objectContaining({ intervalSeconds: [60, 300] }) as unknown,
    });
    expect(update?.requestId).toBe(updated.headers['x-request-id']);
  });
});

describe('cross-site requests and security headers', () => {
  let harness: TestApp;
  beforeAll(async () => {
    harness = await openTestApp({ dialect: 'sqlite', clock: new FakeClock(Date.UTC(2026, 11, 3, 2)) });
  });
  afterAll(() => harness.close());

  it('refuses cookie-borne changes from another origin or without proof of origin, and allows bearer tokens', async () => {
    const { cookie } = harness;
    const payload = {
      name: 'csrf',
      intervalSeconds: 60,
      steps: [{ kind: 'http', name: 'a', url: 'http://127.0.0.1:9/' }],
    };
    const evil = await harness.app.inject({
      method: 'POST',
      url: '/api/v1/checks',
      headers: { cookie, origin: 'https://evil.example' },
      payload,
    });
    expect(evil.statusCode).toBe(403);
    expect(evil.json().error.message).toContain('cross-site request refused');
    const bare = await harness.app.inject({
      method: 'POST',
      url: '/api/v1/checks',
      headers: { cookie },
      payload,
    });
    expect(bare.statusCode).toBe(403);
    const crossSite = await harness.app.inject({
      method: 'POST',
      url: '/api/v1/checks',
      headers: { cookie, 'sec-fetch-site': 'cross-site' },
      payload,
    });
    expect(crossSite.statusCode).toBe(403);
    const logout = await harness.app.inject({
      method: 'POST',
      url: '/api/v1/auth/logout',
      headers: { cookie, origin: 'https://evil.example' },
    });
    expect(logout.statusCode).toBe(403);
    const same = await harness.app.inject({
      method: 'POST',
      url: '/api/v1/checks',
      headers: { cookie, origin: ORIGIN },
      payload,
    });
    expect(same.statusCode).toBe(201);
    const token = await harness.createToken('script');
    const scripted = await harness.app.inject({
      method: 'POST',
      url: '/api/v1/checks',
      headers: { authorization: `Bearer ${token}` },
      payload: { ...payload, name: 'csrf 2' },
    });
    expect(scripted.statusCode).toBe(201);
  });

  it('sends security headers on the API and the console, and HttpOnly SameSite session cookies', async () => {
    for (const url of ['/api/v1/auth/me', '/', '/healthz']) {
      const response = await harness.app.inject({ url });
      const csp = String(response.headers['content-security-policy']);
      expect(csp).toContain("frame-ancestors 'none'");
      expect(csp).toContain("script-src 'self'");
      expect(csp).not.toMatch(/script-src[^;]*unsafe-inline/);
      expect(response.headers['x-content-type-options']).toBe('nosniff');
      expect(response.headers['referrer-policy']).toBe('same-origin');
    }
    const login = await harness.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { username: 'admin', password: 'test-app-password' },
    });
    const cookie = String(login.headers['set-cookie']);
    expect(cookie).toContain('HttpOnly');
    expect(cookie).toContain('SameSite=Lax');
    expect(cookie).not.toContain('Secure');
  });
});
