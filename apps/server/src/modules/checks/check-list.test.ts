import { afterAll, beforeAll, expect, it } from 'vitest';
import {
  checkInputSchema,
  type Check,
  type CheckInputRaw,
  type CheckListPage,
  type ErrorEnvelope,
  type Run,
} from '@ganzhi/contracts';
import { FakeClock } from '@ganzhi/testing';
import { createSilentLogger, systemClock } from '@ganzhi/runtime';
import { describeEachDialect } from '../../db/each-dialect.js';
import { openTestApp, type TestApp } from '../../test-app.js';
import { systemContext } from '../auth/index.js';

const NOW = Date.UTC(2026, 11, 3, 2, 30);
const MINUTE = 60_000;
const ctx = systemContext({ clock: systemClock, logger: createSilentLogger() });
const PASSWORD = 'Changsha-operator-7';

function run(check: Check, at: { minutesAgo: number; ok: boolean; durationMs?: number }): Run {
  return {
    id: crypto.randomUUID(),
    checkId: check.id,
    agentId: 'builtin-local',
    location: 'local',
    startedAt: new Date(NOW - at.minutesAgo * MINUTE).toISOString(),
    durationMs: at.durationMs ?? 100,
    ok: at.ok,
    errorClass: at.ok ? null : 'http_status',
    errorMessage: at.ok ? null : 'status 500',
    steps: [],
    artifacts: [],
  };
}

/** name → check, channel, business, region, tags, locations, enabled; then its runs (minutes ago, ok, ms). */
const FIXTURES: [Omit<CheckInputRaw, 'steps'>, [number, boolean, number][]][] = [
  [
    {
      name: 'Alpha web hall',
      channel: 'web_hall',
      business: 'bill_query',
      region: 'changsha',
      tags: ['vip'],
    },
    [
      [10, true, 300],
      [120, false, 900],
    ],
  ],
  [
    {
      name: 'beta App',
      channel: 'app',
      business: 'payment',
      region: 'changsha_furong',
      locations: ['zhuzhou'],
    },
    [[5, false, 50]],
  ],
  [
    {
      name: 'Gamma 网厅 缴费',
      channel: 'web_hall',
      business: 'payment',
      region: 'zhuzhou',
      tags: ['vip', 'night'],
    },
    [
      [3, true, 200],
      [30, true, 200],
      [60, true, 200],
    ],
  ],
  [{ name: 'delta paused', channel: 'hall', region: 'changsha_yuelu', enabled: false }, []],
  [
    { name: 'Epsilon 100%_off', channel: 'web_hall', tags: ['a_b'] },
    [
      [20, false, 700],
      [40, true, 100],
    ],
  ],
  [{ name: 'zeta pending', channel: 'app', business: 'bill_query', region: 'zhuzhou' }, []],
];

describeEachDialect('checks list', (dialect) => {
  const clock = new FakeClock(NOW);
  let harness: TestApp;
  let operator: Record<string, string>;

  const list = async (query: string, headers?: Record<string, string>) => {
    const response = await harness.app.inject({
      url: `/api/v1/checks?${query}`,
      headers: headers ?? harness.sessionHeaders,
    });
    expect(response.statusCode, response.body).toBe(200);
    return response.json<CheckListPage>();
  };
  const names = async (query: string, headers?: Record<string, string>) =>
    (await list(query, headers)).items.map((item) => item.name);

  beforeAll(async () => {
    harness = await openTestApp({ dialect, clock });
    const { services } = harness;
    await services.dimensions.applyDimensions({
      businesses: [],
      channels: [],
      regions: ['furong', 'yuelu'].map((name) => ({
        code: `changsha_${name}`,
        parentCode: 'changsha',
        level: 'county' as const,
        nameZh: name,
        nameEn: name,
      })),
      segments: [],
      systems: [],
      aliases: [],
    });
    for (const [input, runs] of FIXTURES) {
      const check = await services.checks.createCheck({
        ctx,
        input: checkInputSchema.parse({ ...input, steps: [{ kind: 'wait', durationMs: 10 }] }),
      });
      await services.runs.recordRuns(
        runs.map(([minutesAgo, ok, durationMs]) => ({
          run: run(check, { minutesAgo, ok, durationMs }),
          check,
        })),
      );
    }
    await harness.app.inject({
      method: 'POST',
      url: '/api/v1/users',
      headers: harness.sessionHeaders,
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

  it('answers a page with the total and a cursor, by name (case-insensitive) by default', async () => {
    const page = await list('limit=4');
    expect(page.items.map((item) => item.name)).toEqual([
      'Alpha web hall',
      'beta App',
      'delta paused',
      'Epsilon 100%_off',
    ]);
    expect(page.total).toBe(6);
    expect(page.nextCursor).toEqual(expect.any(String));
    const rest = await list(`limit=4&cursor=${page.nextCursor ?? ''}`);
    expect(rest.items.map((item) => item.name)).toEqual(['Gamma 网厅 缴费', 'zeta pending']);
    expect(rest.nextCursor).toBeNull();
    expect(await names('limit=2&offset=2')).toEqual(['delta paused', 'Epsilon 100%_off']);
  });

  it('continues a cursor without duplicates or gaps while checks are added before and after it', async () => {
    const seen: string[] = [];
    let cursor: string | null = '';
    let added = 0;
    while (cursor !== null) {
      const page: CheckListPage = await list(`limit=2&sort=name:desc${cursor ? `&cursor=${cursor}` : ''}`);
      seen.push(...page.items.map((item) => item.name));
      cursor = page.nextCursor;
      if (added < 2) {
        // One lands among the pages already served, one among those still to come.
        for (const name of [`zz added ${added}`, `aa added ${added}`])
          await harness.services.checks.createCheck({
            ctx,
            input: checkInputSchema.parse({ name, steps: [{ kind: 'wait', durationMs: 10 }] }),
          });
        added += 1;
      }
    }
    expect(seen).toEqual([
      'zeta pending',
      'Gamma 网厅 缴费',
      'Epsilon 100%_off',
      'delta paused',
      'beta App',
      'Alpha web hall',
      'aa added 1',
      'aa added 0',
    ]);
    for (const check of await harness.services.checks.listChecks())
      if (check.name.includes('added')) await harness.services.checks.deleteCheck({ ctx, id: check.id });
  });

  it('filters by channel, business, tag, location, status and name text (pattern characters literal)', async () => {
    expect(await names('channel=web_hall')).toEqual([
      'Alpha web hall',
      'Epsilon 100%_off',
      'Gamma 网厅 缴费',
    ]);
    expect(await names('business=payment')).toEqual(['beta App', 'Gamma 网厅 缴费']);
    expect(await names('channel=web_hall&business=payment')).toEqual(['Gamma 网厅 缴费']);
    expect(await names('tag=vip')).toEqual(['Alpha web hall', 'Gamma 网厅 缴费']);
    expect(await names('tag=a_b')).toEqual(['Epsilon 100%_off']);
    expect(await names('tag=VIP')).toEqual([]);
    expect(await names('location=zhuzhou')).toEqual(['beta App']);
    expect(await names('status=down,pending')).toEqual(['beta App', 'Epsilon 100%_off', 'zeta pending']);
    expect(await names('status=paused')).toEqual(['delta paused']);
    expect(await names('status=up')).toEqual(['Alpha web hall', 'Gamma 网厅 缴费']);
    expect(await names('text=GAMMA')).toEqual(['Gamma 网厅 缴费']);
    expect(await names(`text=${encodeURIComponent('网厅')}`)).toEqual(['Gamma 网厅 缴费']);
    expect(await names('text=WEB%20HALL')).toEqual(['Alpha web hall']);
    expect(await names(`text=${encodeURIComponent('%')}`)).toEqual(['Epsilon 100%_off']);
    expect(await names('text=_')).toEqual(['Epsilon 100%_off']);
    const filtered = await list('channel=web_hall&limit=1');
    expect(filtered.total).toBe(3);
  });

  it('leaves the flows out of the list unless asked for them', async () => {
    const [slim] = (await list('text=alpha')).items;
    expect(slim).not.toHaveProperty('steps');
    expect(slim).not.toHaveProperty('variables');
    const [full] = (await list('text=alpha&include=flow')).items;
    expect(full).toMatchObject({ steps: [{ kind: 'wait', durationMs: 10 }], variables: {} });
  });

  it('selects a region with every region below it', async () => {
    expect(await names('region=changsha')).toEqual(['Alpha web hall', 'beta App', 'delta paused']);
    expect(await names('region=changsha_furong')).toEqual(['beta App']);
    expect(await names('region=hunan')).toHaveLength(6);
  });

  it('shows status, the latest run and the 24-hour ratio from what was recorded', async () => {
    const [alpha] = (await list('text=alpha')).items;
    expect(alpha).toMatchObject({
      status: 'up',
      runs24h: 2,
      successRatio24h: 0.5,
      lastRun: { ok: true, durationMs: 300, startedAt: new Date(NOW - 10 * MINUTE).toISOString() },
    });
    const [zeta] = (await list('text=zeta')).items;
    expect(zeta).toMatchObject({ status: 'pending', lastRun: null, runs24h: 0, successRatio24h: null });
  });

  it('sorts by status, last run, success ratio and latency, checks without runs last either way', async () => {
    expect(await names('sort=status:asc')).toEqual([
      'beta App',
      'Epsilon 100%_off',
      'zeta pending',
      'Alpha web hall',
      'Gamma 网厅 缴费',
      'delta paused',
    ]);
    const byRun = ['Gamma 网厅 缴费', 'beta App', 'Alpha web hall', 'Epsilon 100%_off'];
    expect(await names('sort=lastRunAt:desc')).toEqual([...byRun, 'delta paused', 'zeta pending']);
    expect(await names('sort=lastRunAt:asc')).toEqual([...byRun.reverse(), 'delta paused', 'zeta pending']);
    expect(await names('sort=successRatio24h:asc')).toEqual([
      'beta App',
      'Alpha web hall',
      'Epsilon 100%_off',
      'Gamma 网厅 缴费',
      'delta paused',
      'zeta pending',
    ]);
    expect(await names('sort=latencyMs:desc&limit=2')).toEqual(['Epsilon 100%_off', 'Alpha web hall']);
  });

  it('walks every sort page by page to the same order as one page', async () => {
    for (const sort of [
      'status:desc',
      'lastRunAt:asc',
      'successRatio24h:desc',
      'latencyMs:asc',
      'name:asc',
    ]) {
      const whole = await names(`sort=${sort}`);
      const walked: string[] = [];
      let cursor: string | null = '';
      while (cursor !== null) {
        const page: CheckListPage = await list(`sort=${sort}&limit=3${cursor ? `&cursor=${cursor}` : ''}`);
        walked.push(...page.items.map((item) => item.name));
        cursor = page.nextCursor;
      }
      expect(walked, sort).toEqual(whole);
    }
  });

  it('keeps a region-scoped reader to their regions, totals included', async () => {
    const page = await list('', operator);
    expect(page.items.map((item) => item.name)).toEqual(['Alpha web hall', 'beta App', 'delta paused']);
    expect(page.total).toBe(3);
    expect(await list('region=zhuzhou', operator)).toMatchObject({ items: [], total: 0, nextCursor: null });
    expect(await names('region=hunan', operator)).toHaveLength(3);
    expect(await names('region=changsha_furong', operator)).toEqual(['beta App']);
    expect((await list('channel=web_hall', operator)).total).toBe(1);
  });

  it('refuses invalid parameters with a 400 naming each field', async () => {
    const other = (await list('limit=1&sort=status:asc')).nextCursor ?? '';
    const cases: [string, string][] = [
      ['limit=0', 'limit'],
      ['limit=501', 'limit'],
      ['limit=ten', 'limit'],
      ['sort=name:up', 'sort'],
      ['sort=colour:asc', 'sort'],
      ['status=broken', 'status.0'],
      ['text=', 'text'],
      ['channel=Web%20Hall', 'channel'],
      ['offset=-1', 'offset'],
      ['cursor=not*base64', 'cursor'],
      [`cursor=${Buffer.from('{"s":"name:asc","v":[1]}').toString('base64url')}`, 'cursor'],
      [`cursor=${other}`, 'cursor'],
      [`cursor=${other}&sort=status:asc&offset=2`, 'offset'],
      ['region=atlantis', 'region'],
    ];
    for (const [query, field] of cases) {
      const response = await harness.app.inject({
        url: `/api/v1/checks?${query}`,
        headers: harness.sessionHeaders,
      });
      expect(response.statusCode, query).toBe(400);
      const { error } = response.json<ErrorEnvelope>();
      expect(error.code, query).toBe('VALIDATION_FAILED');
      expect(
        error.details?.map((detail) => detail.path),
        query,
      ).toContain(field);
    }
  });
});
