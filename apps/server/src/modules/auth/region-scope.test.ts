import { afterAll, beforeAll, expect, it } from 'vitest';
import { FakeClock } from '@ganzhi/testing';
import { describeEachDialect } from '../../db/each-dialect.js';
import { openTestApp, type TestApp } from '../../test-app.js';

const NOW = Date.UTC(2026, 11, 3, 2);
const PASSWORD = 'Changsha-operator-7';

describeEachDialect('region scope', (dialect) => {
  const clock = new FakeClock(NOW);
  let harness: TestApp;
  let operator: Record<string, string>;
  const checkIds: Record<string, string> = {};

  const check = (name: string, region: string | null) => ({
    name,
    intervalSeconds: 300,
    region,
    steps: [{ kind: 'http', name: 'home', url: 'http://127.0.0.1:9/' }],
  });

  beforeAll(async () => {
    harness = await openTestApp({ dialect, clock });
    const admin = harness.sessionHeaders;
    for (const [name, region] of [
      ['长沙网厅', 'changsha'],
      ['株洲网厅', 'zhuzhou'],
      ['全省门户', null],
    ] as const) {
      const created = await harness.app.inject({
        method: 'POST',
        url: '/api/v1/checks',
        headers: admin,
        payload: check(name, region),
      });
      checkIds[region ?? 'province'] = created.json<{ id: string }>().id;
    }
    const token = await harness.createToken('hall logs');
    const records = ['changsha', 'zhuzhou', 'changsha'].map((region, index) => ({
      externalId: `scope-${index}`,
      time: new Date(NOW - 10 * 60_000).toISOString(),
      business: 'payment',
      channel: 'web_hall',
      region,
      latencyMs: 800,
      outcome: 'ok',
    }));
    await harness.app.inject({
      method: 'POST',
      url: '/api/v1/ingest/transactions',
      headers: { authorization: `Bearer ${token}` },
      payload: records,
    });
    await harness.app.inject({
      method: 'POST',
      url: '/api/v1/users',
      headers: admin,
      payload: { username: 'cs.operator', password: PASSWORD, roles: ['operator'], regions: ['changsha'] },
    });
    const login = await harness.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { username: 'cs.operator', password: PASSWORD },
    });
    operator = {
      cookie: String(login.headers['set-cookie']).split(';')[0] ?? '',
      origin: 'http://localhost',
    };
  });
  afterAll(() => harness.close());

  it('lists only the checks of the operator’s city, and hides the others', async () => {
    const listed = await harness.app.inject({ url: '/api/v1/checks', headers: operator });
    expect(listed.json<{ items: { name: string }[] }>().items.map((item) => item.name)).toEqual(['长沙网厅']);
    const admin = await harness.app.inject({ url: '/api/v1/checks', headers: harness.sessionHeaders });
    expect(admin.json<{ items: unknown[] }>().items).toHaveLength(3);
    for (const hidden of [checkIds.zhuzhou, checkIds.province]) {
      const response = await harness.app.inject({ url: `/api/v1/checks/${hidden ?? ''}`, headers: operator });
      expect(response.statusCode).toBe(404);
      const runs = await harness.app.inject({
        url: `/api/v1/checks/${hidden ?? ''}/runs`,
        headers: operator,
      });
      expect(runs.statusCode).toBe(404);
    }
    const own = await harness.app.inject({
      url: `/api/v1/checks/${checkIds.changsha ?? ''}`,
      headers: operator,
    });
    expect(own.statusCode).toBe(200);
  });

  it('refuses writes outside the scope with 403 naming it', async () => {
    const created = await harness.app.inject({
      method: 'POST',
      url: '/api/v1/checks',
      headers: operator,
      payload: check('株洲营业厅', 'zhuzhou'),
    });
    expect(created.statusCode).toBe(403);
    expect(created.json().error.message).toBe('a check in region zhuzhou is outside your scope (changsha)');
    const audited = await harness.app.inject({
      url: '/api/v1/audit-events?actor=cs.operator&outcome=denied',
      headers: harness.sessionHeaders,
    });
    expect(audited.json().items).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          action: 'POST /checks',
          detail: 'a check in region zhuzhou is outside your scope (changsha)',
        }),
      ]),
    );
    const province = await harness.app.inject({
      method: 'POST',
      url: '/api/v1/checks',
      headers: operator,
      payload: check('全省', null),
    });
    expect(province.statusCode).toBe(403);
    const moved = await harness.app.inject({
      method: 'PUT',
      url: `/api/v1/checks/${checkIds.changsha ?? ''}`,
      headers: operator,
      payload: check('长沙网厅', 'zhuzhou'),
    });
    expect(moved.statusCode).toBe(403);
    const deleted = await harness.app.inject({
      method: 'DELETE',
      url: `/api/v1/checks/${checkIds.zhuzhou ?? ''}`,
      headers: operator,
    });
    expect(deleted.statusCode).toBe(403);
    expect(deleted.json().error.message).toContain('outside your scope (changsha)');
    const own = await harness.app.inject({
      method: 'POST',
      url: '/api/v1/checks',
      headers: operator,
      payload: check('长沙营业厅', 'changsha'),
    });
    expect(own.statusCode).toBe(201);
    const model = await harness.app.inject({
      method: 'PUT',
      url: '/api/v1/dimensions',
      headers: operator,
      payload: {},
    });
    expect(model.statusCode).toBe(403);
    expect(model.json().error.message).toBe('this belongs to the whole province; your scope is changsha');
  });

  it('shows transactions of the scope only, and refuses a region outside it', async () => {
    const query = (extra: string) =>
      harness.app.inject({
        url: `/api/v1/transactions/series?from=${new Date(NOW - 3_600_000).toISOString()}&to=${new Date(NOW).toISOString()}${extra}`,
        headers: operator,
      });
    const own = await query('');
    expect(own.statusCode).toBe(200);
    expect(own.json<{ totals: { count: number } }>().totals.count).toBe(2);
    const byRegion = await query('&groupBy=region');
    expect(byRegion.json<{ groups: { key: string }[] }>().groups.map((group) => group.key)).toEqual([
      'changsha',
    ]);
    const other = await query('&region=zhuzhou');
    expect(other.statusCode).toBe(403);
    expect(other.json().error.message).toBe('region zhuzhou is outside your scope (changsha)');
  });

  it('takes from a token bound to Changsha only Changsha’s records, keeping them and naming the others', async () => {
    const issued = await harness.app.inject({
      method: 'POST',
      url: '/api/v1/tokens',
      headers: operator,
      payload: { name: 'changsha hall logs', scopes: ['ingest:write'] },
    });
    expect(issued.json<{ regions: string[] }>().regions).toEqual(['changsha']);
    const response = await harness.app.inject({
      method: 'POST',
      url: '/api/v1/ingest/transactions',
      headers: { authorization: `Bearer ${issued.json<{ token: string }>().token}` },
      payload: ['changsha', 'zhuzhou'].map((region, index) => ({
        externalId: `scoped-${index}`,
        time: new Date(NOW - 20 * 60_000).toISOString(),
        business: 'payment',
        channel: 'web_hall',
        region,
        latencyMs: 700,
        outcome: 'ok',
      })),
    });
    expect(response.json()).toEqual({
      accepted: 1,
      duplicates: 0,
      rejected: [{ index: 1, reason: "region: zhuzhou is outside this sender's scope (changsha)" }],
    });
  });

  it('scores the operator’s city only in the overview and drill-downs', async () => {
    const evaluated = await harness.app.inject({
      method: 'POST',
      url: '/api/v1/scores/evaluate',
      headers: harness.sessionHeaders,
    });
    expect(evaluated.statusCode).toBe(200);
    const overview = await harness.app.inject({ url: '/api/v1/scores/overview', headers: operator });
    const body = overview.json<{
      cells: { region: string }[];
      regions: { region: string }[];
      overall: { region: string } | null;
    }>();
    expect(body.cells.length).toBeGreaterThan(0);
    expect(new Set(body.cells.map((cell) => cell.region))).toEqual(new Set(['changsha']));
    expect(body.regions.map((region) => region.region)).toEqual(['changsha']);
    expect(body.overall?.region).toBe('changsha');
    const adminView = await harness.app.inject({
      url: '/api/v1/scores/overview',
      headers: harness.sessionHeaders,
    });
    expect(
      new Set(adminView.json<{ cells: { region: string }[] }>().cells.map((cell) => cell.region)),
    ).toEqual(new Set(['changsha', 'zhuzhou']));
    const drill = await harness.app.inject({
      url: '/api/v1/scores/services/payment/web_hall',
      headers: operator,
    });
    expect(drill.json<{ region: string; regions: { region: string }[] }>()).toMatchObject({
      region: 'changsha',
    });
    expect(drill.json<{ regions: { region: string }[] }>().regions.map((row) => row.region)).toEqual([
      'changsha',
    ]);
    const elsewhere = await harness.app.inject({
      url: '/api/v1/scores/services/payment/web_hall?region=zhuzhou',
      headers: operator,
    });
    expect(elsewhere.statusCode).toBe(403);
  });

  it('lets only holders of secrets:use write checks that send secrets', async () => {
    await harness.app.inject({
      method: 'PUT',
      url: '/api/v1/roles/check_editor',
      headers: harness.sessionHeaders,
      payload: {
        description: 'edits checks, no secrets',
        permissions: ['checks:read', 'checks:write', 'checks:run'],
      },
    });
    await harness.app.inject({
      method: 'POST',
      url: '/api/v1/users',
      headers: harness.sessionHeaders,
      payload: { username: 'editor', password: PASSWORD, roles: ['check_editor'] },
    });
    const login = await harness.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { username: 'editor', password: PASSWORD },
    });
    const editor = {
      cookie: String(login.headers['set-cookie']).split(';')[0] ?? '',
      origin: 'http://localhost',
    };
    const withSecret = {
      ...check('带密钥', 'changsha'),
      steps: [
        {
          kind: 'http',
          name: 'api',
          url: 'http://127.0.0.1:9/',
          headers: { authorization: 'Bearer {{secrets.API_KEY}}' },
        },
      ],
    };
    const refused = await harness.app.inject({
      method: 'POST',
      url: '/api/v1/checks',
      headers: editor,
      payload: withSecret,
    });
    expect(refused.statusCode).toBe(403);
    expect(refused.json().error.message).toContain('secrets:use');
    const tried = await harness.app.inject({
      method: 'POST',
      url: '/api/v1/checks/try',
      headers: editor,
      payload: withSecret,
    });
    expect(tried.statusCode).toBe(403);
    const plain = await harness.app.inject({
      method: 'POST',
      url: '/api/v1/checks',
      headers: editor,
      payload: check('无密钥', 'changsha'),
    });
    expect(plain.statusCode).toBe(201);
    const byOperator = await harness.app.inject({
      method: 'POST',
      url: '/api/v1/checks',
      headers: operator,
      payload: withSecret,
    });
    expect(byOperator.statusCode).toBe(201);
  });
});
