import { ISSUE_CODES, type ErrorEnvelope } from '@ganzhi/contracts';
import { systemClock } from '@ganzhi/runtime';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestApp, type TestApp } from '../test-app.js';

const PASSWORD = 'scoped-operator-password';

/** Refusals carry stable codes and params for clients to translate, beside the English message. */
describe('codes and params of refusals', () => {
  let harness: TestApp;

  beforeAll(async () => {
    harness = await openTestApp({ dialect: 'sqlite', clock: systemClock });
  });
  afterAll(() => harness.close());

  const post = async (url: string, payload: unknown, headers = harness.sessionHeaders) => {
    const response = await harness.app.inject({ method: 'POST', url, headers, payload: payload as object });
    return { status: response.statusCode, body: response.json<ErrorEnvelope>() };
  };

  it('names common schema problems: required, too long, invalid enum, unknown key', async () => {
    const { status, body } = await post('/api/v1/checks', {
      name: 'x'.repeat(300),
      intervalSeconds: 60,
      steps: [{ kind: 'http', method: 'FETCH' }],
    });
    expect(status).toBe(400);
    expect(body.error.code).toBe('VALIDATION_FAILED');
    const byPath = new Map(body.error.details?.map((issue) => [issue.path, issue]));
    expect(byPath.get('name')).toMatchObject({ code: 'too_long', params: { maximum: expect.any(Number) } });
    expect(byPath.get('steps.0.url')).toMatchObject({ code: 'required' });
    expect(byPath.get('steps.0.method')).toMatchObject({
      code: 'invalid_enum',
      params: { values: expect.stringContaining('POST') as unknown },
    });
    // The English stays for API users and logs.
    expect(byPath.get('name')?.message).toMatch(/[a-z]/);

    // Token requests are strict: a misspelt field is named.
    const token = await post('/api/v1/tokens', { name: 'hall logs', scopes: ['ingest:write'], scope: 'x' });
    expect(token.body.error.details).toEqual([
      expect.objectContaining({ path: '', code: 'unknown_key', params: { keys: 'scope' } }),
    ]);
  });

  it('names the flow’s own refusals: unknown variable, invalid JSONPath, a step kind the location cannot run', async () => {
    const { status, body } = await post('/api/v1/checks', {
      name: 'E2E codes',
      intervalSeconds: 60,
      steps: [
        {
          kind: 'http',
          url: 'http://127.0.0.1:9/{{token}}',
          assert: [{ subject: 'jsonPath', expression: '$.a[', comparison: 'exists' }],
        },
        { kind: 'browser', actions: [{ action: 'goto', url: 'http://127.0.0.1:9/' }] },
      ],
    });
    expect(status).toBe(400);
    expect(body.error.details).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ path: 'steps.0.url', code: 'unknown_variable', params: { name: 'token' } }),
        expect.objectContaining({
          path: 'steps.0.assert.0.expression',
          code: 'invalid_json_path',
          params: { detail: expect.stringContaining('not closed') as unknown },
        }),
        expect.objectContaining({
          path: 'steps.1.kind',
          code: 'step_kind_unsupported',
          params: { kind: 'browser' },
        }),
      ]),
    );
  });

  it('gives a refusal outside the user’s regions and a duplicate name a reason and params', async () => {
    const created = await post('/api/v1/users', {
      username: 'cs.codes',
      password: PASSWORD,
      roles: ['operator'],
      regions: ['changsha'],
    });
    expect(created.status).toBe(201);
    const duplicate = await post('/api/v1/users', {
      username: 'cs.codes',
      password: PASSWORD,
      roles: ['viewer'],
    });
    expect(duplicate.status).toBe(409);
    expect(duplicate.body.error).toMatchObject({
      code: 'CONFLICT',
      reason: 'duplicate_name',
      params: { name: 'cs.codes' },
    });

    const login = await harness.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { username: 'cs.codes', password: PASSWORD },
    });
    const cookie = String(login.headers['set-cookie']).split(';')[0] ?? '';
    const scoped = await post(
      '/api/v1/checks',
      {
        name: 'Zhuzhou hall',
        intervalSeconds: 60,
        region: 'zhuzhou',
        steps: [{ kind: 'http', url: 'http://127.0.0.1:9/' }],
      },
      { cookie, origin: 'http://localhost' },
    );
    expect(scoped.status).toBe(403);
    expect(scoped.body.error).toMatchObject({
      code: 'FORBIDDEN',
      reason: 'region_out_of_scope',
      params: { region: 'zhuzhou', scope: 'changsha' },
      message: expect.stringContaining('outside your scope (changsha)') as unknown,
    });
  });

  it('sends only codes of the contract’s vocabulary', async () => {
    const { body } = await post('/api/v1/users', { username: 'x', password: 'short', roles: ['ghost'] });
    const codes = (body.error.details ?? []).map((issue) => issue.code);
    expect(codes.length).toBeGreaterThan(0);
    for (const code of codes) expect(ISSUE_CODES).toContain(code);
  });
});
