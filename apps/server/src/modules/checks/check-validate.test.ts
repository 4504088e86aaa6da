// `POST /checks/validate`: the dry run of `/checks/apply` (what `ganzhi apply --dry-run` asks the server).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeClock } from '@ganzhi/testing';
import { openTestApp, type TestApp } from '../../test-app.js';

const http = (url: string) => ({ kind: 'http', url });

describe('POST /api/v1/checks/validate', () => {
  let harness: TestApp;
  let bearer: { authorization: string };

  beforeAll(async () => {
    harness = await openTestApp({ dialect: 'sqlite', clock: new FakeClock(Date.UTC(2026, 11, 3, 2)) });
    bearer = { authorization: `Bearer ${await harness.createToken('ci')}` };
  });
  afterAll(() => harness.close());

  const validate = (checks: unknown[], headers: Record<string, string> = bearer) =>
    harness.app.inject({ method: 'POST', url: '/api/v1/checks/validate', headers, payload: { checks } });

  it('refuses what a save refuses, every problem with its field, and saves nothing', async () => {
    const response = await validate([
      { name: 'fine', steps: [http('http://127.0.0.1:9/')] },
      {
        name: 'unknown variable',
        steps: [http('http://127.0.0.1:9/'), http('http://127.0.0.1:9/{{token}}')],
      },
      // The test server's built-in agent (location `local`) has no Chromium.
      { name: 'browser at local', steps: [{ kind: 'browser', actions: [{ action: 'waitForNavigation' }] }] },
      {
        name: 'bad references',
        channel: 'carrier_pigeon',
        locations: ['local', 'atlantis'],
        steps: [
          {
            ...http('http://127.0.0.1:9/'),
            extract: [{ variable: 'x', from: 'regex', expression: '(a' }],
          },
        ],
      },
      { name: 'fine', steps: [http('http://127.0.0.1:9/')] },
    ]);
    expect(response.statusCode).toBe(400);
    const details = response.json<{ error: { details: { path: string; message: string }[] } }>().error
      .details;
    expect(details.map((detail) => detail.path).sort()).toEqual([
      'checks.1.steps.1.url',
      'checks.2.steps.0.kind',
      'checks.3.channel',
      'checks.3.locations.1',
      'checks.3.steps.0.extract.0.expression',
      'checks.4.name',
    ]);
    expect(details).toContainEqual({
      path: 'checks.2.steps.0.kind',
      message: '"browser" steps are not supported at this location',
    });
    expect(details.find((detail) => detail.path === 'checks.1.steps.1.url')?.message).toContain(
      'unknown variable {{token}}',
    );
    expect(await harness.services.checks.listChecks()).toEqual([]);
  });

  it('answers what apply would do, without saving, changing or auditing anything', async () => {
    const existing = { name: 'home page', steps: [http('http://127.0.0.1:9/')] };
    await harness.app.inject({
      method: 'POST',
      url: '/api/v1/checks/apply',
      headers: bearer,
      payload: { checks: [existing] },
    });
    const before = await harness.services.checks.listChecks();
    const audited = async () =>
      (await harness.services.audit.listEvents({ query: { limit: 1, sort: 'at:desc' } })).total;
    const auditedBefore = await audited();

    const response = await validate([
      { ...existing, steps: [http('http://127.0.0.1:9/changed')] },
      { name: 'new one', steps: [http('http://127.0.0.1:9/new')] },
    ]);
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({
      results: [
        { name: 'home page', action: 'update' },
        { name: 'new one', action: 'create' },
      ],
    });
    expect(await harness.services.checks.listChecks()).toEqual(before);
    expect(await audited()).toBe(auditedBefore);
  });

  it('needs the permission apply needs (checks:write)', async () => {
    const issued = await harness.app.inject({
      method: 'POST',
      url: '/api/v1/tokens',
      headers: harness.sessionHeaders,
      payload: { name: 'read only', scopes: ['checks:read'] },
    });
    const readOnly = { authorization: `Bearer ${issued.json<{ token: string }>().token}` };
    const response = await validate([{ name: 'x', steps: [http('http://127.0.0.1:9/')] }], readOnly);
    expect(response.statusCode).toBe(403);
    expect((await validate([{ name: 'x', steps: [http('http://127.0.0.1:9/')] }], {})).statusCode).toBe(401);
  });
});
