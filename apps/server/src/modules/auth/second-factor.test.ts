import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { FakeClock } from '@ganzhi/testing';
import { describeEachDialect } from '../../db/each-dialect.js';
import { openTestApp, type TestApp } from '../../test-app.js';
import { currentTotp } from './totp.js';

describeEachDialect('second factor', (dialect) => {
  const clock = new FakeClock(Date.UTC(2026, 11, 3, 2));
  let harness: TestApp;

  beforeAll(async () => {
    harness = await openTestApp({ dialect, clock, requireAdminTotp: true });
  });
  afterAll(() => harness.close());

  const login = (totp?: string) =>
    harness.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { username: 'admin', password: 'test-app-password', ...(totp ? { totp } : {}) },
      remoteAddress: '10.3.3.3',
    });

  it('lets an admin without a second factor do nothing but enrol one, then asks for codes at sign-in', async () => {
    const { sessionHeaders } = harness;
    const me = await harness.app.inject({ url: '/api/v1/auth/me', headers: sessionHeaders });
    expect(me.json().user).toMatchObject({ totpRequired: true, permissions: [] });
    const users = await harness.app.inject({ url: '/api/v1/users', headers: sessionHeaders });
    expect(users.statusCode).toBe(403);

    const setup = await harness.app.inject({
      method: 'POST',
      url: '/api/v1/auth/totp/setup',
      headers: sessionHeaders,
    });
    const { secret, uri } = setup.json<{ secret: string; uri: string }>();
    expect(uri).toMatch(/^otpauth:\/\/totp\/Ganzhi:admin\?/);
    const wrong = await harness.app.inject({
      method: 'POST',
      url: '/api/v1/auth/totp/enable',
      headers: sessionHeaders,
      payload: { secret, code: '000000' === (await currentTotp(secret, clock.now())) ? '111111' : '000000' },
    });
    expect(wrong.statusCode).toBe(400);
    const enabled = await harness.app.inject({
      method: 'POST',
      url: '/api/v1/auth/totp/enable',
      headers: sessionHeaders,
      payload: { secret, code: await currentTotp(secret, clock.now()) },
    });
    expect(enabled.statusCode).toBe(204);
    const after = await harness.app.inject({ url: '/api/v1/users', headers: sessionHeaders });
    expect(after.statusCode).toBe(200);

    const withoutCode = await login();
    expect(withoutCode.statusCode).toBe(401);
    expect(withoutCode.json().error.details).toEqual([
      { path: 'totp', code: 'one_time_code_required', message: 'a one-time code is required' },
    ]);
    await clock.advance(120_000);
    const stale = await login(await currentTotp(secret, clock.now() - 120_000));
    expect(stale.statusCode).toBe(401);
    const good = await login(await currentTotp(secret, clock.now()));
    expect(good.statusCode).toBe(200);
    const stored = await harness.database.db
      .selectFrom('users')
      .select('totp_secret')
      .where('username', '=', 'admin')
      .executeTakeFirstOrThrow();
    expect(stored.totp_secret).toMatch(/^v1:/);
    expect(stored.totp_secret).not.toContain(secret);
  });
});

describeEachDialect('stored probe secrets', (dialect) => {
  const clock = new FakeClock(Date.UTC(2026, 11, 3, 2));
  let harness: TestApp;

  beforeAll(async () => {
    harness = await openTestApp({ dialect, clock });
  });
  afterAll(() => harness.close());

  it('keeps values sealed, lists names only, and lends them to the built-in agent', async () => {
    const headers = harness.sessionHeaders;
    const put = await harness.app.inject({
      method: 'PUT',
      url: '/api/v1/secrets/BOSS_PASSWORD',
      headers,
      payload: { value: 'Hunan-boss-2026!', description: 'BOSS test account' },
    });
    expect(put.statusCode).toBe(204);
    const bad = await harness.app.inject({
      method: 'PUT',
      url: '/api/v1/secrets/boss',
      headers,
      payload: { value: 'x' },
    });
    expect(bad.statusCode).toBe(400);
    const listed = await harness.app.inject({ url: '/api/v1/secrets', headers });
    expect(listed.body).not.toContain('Hunan-boss-2026!');
    expect(listed.json().items).toEqual([
      expect.objectContaining({ name: 'BOSS_PASSWORD', source: 'stored', description: 'BOSS test account' }),
    ]);
    const row = await harness.database.db.selectFrom('stored_secrets').selectAll().executeTakeFirstOrThrow();
    expect(row.sealed_value).toMatch(/^v1:/);
    expect(row.sealed_value).not.toContain('Hunan');
    expect(await harness.services.secrets.revealForProbing(['BOSS_PASSWORD', 'MISSING'])).toEqual({
      BOSS_PASSWORD: 'Hunan-boss-2026!',
    });
    const audit = await harness.app.inject({ url: '/api/v1/audit-events?resource=secret', headers });
    expect(audit.body).not.toContain('Hunan-boss-2026!');
    expect(audit.json().items[0]).toMatchObject({ action: 'secret.create', resourceId: 'BOSS_PASSWORD' });

    const received: string[] = [];
    const target = createServer((request, response) => {
      received.push(String(request.headers['x-pass']));
      response.end(`echo ${String(request.headers['x-pass'])}`);
    });
    await new Promise<void>((resolve) => target.listen(0, '127.0.0.1', resolve));
    const { port } = target.address() as AddressInfo;
    const tried = await harness.app.inject({
      method: 'POST',
      url: '/api/v1/checks/try',
      headers,
      payload: {
        name: 'uses a stored secret',
        steps: [
          {
            kind: 'http',
            url: `http://127.0.0.1:${port}/`,
            headers: { 'x-pass': '{{secrets.BOSS_PASSWORD}}' },
          },
        ],
      },
    });
    await new Promise<void>((resolve) => target.close(() => resolve()));
    expect(tried.statusCode).toBe(200);
    expect(received).toEqual(['Hunan-boss-2026!']);
    expect(tried.body).not.toContain('Hunan-boss-2026!');
  });
});
