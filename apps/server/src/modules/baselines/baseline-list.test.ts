import { afterAll, beforeAll, expect, it } from 'vitest';
import type { BaselinePage } from '@ganzhi/contracts';
import { FakeClock } from '@ganzhi/testing';
import { describeEachDialect } from '../../db/each-dialect.js';
import { openTestApp, type TestApp } from '../../test-app.js';

const T0 = Date.UTC(2026, 10, 1);
const DAY = 86_400_000;

/** name, kind, business, channel, region, metric; created a day apart in this order. */
type Fixture = [string, 'version' | 'static', string, string, string | null, string];
const FIXTURES: Fixture[] = [
  ['October release', 'version', 'payment', 'hall', 'changsha', 'p95_ms'],
  ['Load test 2026-10', 'static', 'payment', 'hall', 'changsha', 'p95_ms'],
  ['SLA target', 'static', 'payment', 'app', null, 'failure_ratio'],
  ['november release', 'version', 'bill_query', 'hall', null, 'p95_ms'],
  ['Volume plan', 'static', 'recharge', 'app', 'zhuzhou', 'volume'],
];

describeEachDialect('baselines list', (dialect) => {
  let harness: TestApp;

  const list = async (query: string): Promise<BaselinePage> => {
    const response = await harness.app.inject({
      url: `/api/v1/baselines?${query}`,
      headers: harness.sessionHeaders,
    });
    expect(response.statusCode, response.body).toBe(200);
    return response.json<BaselinePage>();
  };
  const names = async (query: string) => (await list(query)).items.map((baseline) => baseline.name);

  beforeAll(async () => {
    harness = await openTestApp({ dialect, clock: new FakeClock(T0 + 30 * DAY) });
    for (const [index, [name, kind, business, channel, region, metric]] of FIXTURES.entries())
      await harness.database.db
        .insertInto('baselines')
        .values({
          id: `baseline-${index}`,
          kind,
          name,
          business,
          channel,
          region,
          metric,
          from_ms: kind === 'version' ? T0 - 30 * DAY : null,
          to_ms: kind === 'version' ? T0 : null,
          value: kind === 'static' ? 1000 : null,
          slots: '[]',
          created_at: T0 + index * DAY,
        })
        .execute();
  });
  afterAll(() => harness.close());

  it('pages newest first with the total, each baseline once', async () => {
    const everyone = await names('');
    expect(everyone).toEqual([...FIXTURES.map(([name]) => name)].reverse());
    const first = await list('limit=2');
    expect(first.total).toBe(5);
    const second = await list(`limit=2&cursor=${first.nextCursor ?? ''}`);
    const third = await list(`limit=2&cursor=${second.nextCursor ?? ''}`);
    expect(third.nextCursor).toBeNull();
    expect([...first.items, ...second.items, ...third.items].map((baseline) => baseline.name)).toEqual(
      everyone,
    );
    expect(await names('limit=2&offset=4')).toEqual(everyone.slice(4));
  });

  it('filters by service, region, metric, kind and text', async () => {
    const payment = await list('business=payment&channel=hall');
    expect(payment.items.map((baseline) => baseline.name)).toEqual(['Load test 2026-10', 'October release']);
    expect(payment.total).toBe(2);
    expect(await names('region=zhuzhou')).toEqual(['Volume plan']);
    expect(await names('metric=p95_ms&kind=version')).toEqual(['november release', 'October release']);
    expect(await names('text=RELEASE')).toEqual(['november release', 'October release']);
  });

  it('sorts by name case-folded', async () => {
    const byName = await names('sort=name:asc');
    expect(byName).toEqual([
      'Load test 2026-10',
      'november release',
      'October release',
      'SLA target',
      'Volume plan',
    ]);
    const first = await list('sort=name:desc&limit=3');
    const rest = await list(`sort=name:desc&limit=3&cursor=${first.nextCursor ?? ''}`);
    expect([...first.items, ...rest.items].map((baseline) => baseline.name)).toEqual([...byName].reverse());
  });
});
