import { afterAll, beforeAll, expect, it } from 'vitest';
import { FakeClock } from '@ganzhi/testing';
import { describeEachDialect } from '../../db/each-dialect.js';
import { openTestApp, type TestApp } from '../../test-app.js';

describeEachDialect('enrolment tokens', (dialect) => {
  let harness: TestApp;

  beforeAll(async () => {
    harness = await openTestApp({ dialect, clock: new FakeClock(Date.UTC(2026, 11, 3, 2)) });
  });
  afterAll(() => harness.close());

  const issue = (payload: object) =>
    harness.app.inject({
      method: 'POST',
      url: '/api/v1/agents/enrolment-tokens',
      headers: harness.sessionHeaders,
      payload,
    });
  const list = async () =>
    (
      await harness.app.inject({ url: '/api/v1/agents/enrolment-tokens', headers: harness.sessionHeaders })
    ).json<{ items: { id: string; state: string; location: string | null; createdBy: string }[] }>().items;
  const enrol = (token: string) =>
    harness.app.inject({
      method: 'POST',
      url: '/api/v1/agent/enrol',
      headers: { authorization: `Bearer ${token}` },
      payload: { name: 'xiangtan-1', location: 'xiangtan', version: '0.1.0' },
    });

  it('refuses a misspelt field instead of dropping it', async () => {
    const response = await issue({ location: 'xiangtan', expiresInHour: 1 });
    expect(response.statusCode).toBe(400);
    expect(JSON.stringify(response.json().error.details)).toContain('expiresInHour');
  });

  it('lists issued tokens without the token, and a revoked one no longer enrols', async () => {
    const issued = (await issue({ location: 'xiangtan' })).json<{ id: string; token: string }>();
    const used = (await issue({ location: 'xiangtan' })).json<{ id: string; token: string }>();
    expect((await enrol(used.token)).statusCode).toBe(201);
    const listed = await list();
    expect(JSON.stringify(listed)).not.toContain(issued.token);
    expect(listed.find((row) => row.id === issued.id)).toMatchObject({
      state: 'unused',
      location: 'xiangtan',
      createdBy: 'admin',
    });
    expect(listed.find((row) => row.id === used.id)).toMatchObject({ state: 'used' });

    const revoked = await harness.app.inject({
      method: 'DELETE',
      url: `/api/v1/agents/enrolment-tokens/${issued.id}`,
      headers: harness.sessionHeaders,
    });
    expect(revoked.statusCode).toBe(204);
    expect((await enrol(issued.token)).statusCode).toBe(401);
    expect((await list()).find((row) => row.id === issued.id)).toMatchObject({ state: 'revoked' });
    const again = await harness.app.inject({
      method: 'DELETE',
      url: `/api/v1/agents/enrolment-tokens/${used.id}`,
      headers: harness.sessionHeaders,
    });
    expect(again.statusCode).toBe(404);
  });
});
