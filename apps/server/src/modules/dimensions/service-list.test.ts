import { afterAll, beforeAll, expect, it } from 'vitest';
import type { ServicePage } from '@ganzhi/contracts';
import { FakeClock } from '@ganzhi/testing';
import { describeEachDialect } from '../../db/each-dialect.js';
import { openTestApp, type TestApp } from '../../test-app.js';

/** source, business, channel, region of each measured series. */
const SERIES: [string, string, string, string][] = [
  ['tx', 'payment', 'hall', 'changsha'],
  ['tx', 'payment', 'hall', 'zhuzhou'],
  ['check', 'payment', 'hall', 'changsha'],
  ['tx', 'payment', 'app', 'changsha'],
  ['check', 'bill_query', 'web_hall', 'changsha'],
  ['tx', 'recharge', 'app', 'yueyang'],
  ['tx', 'bill_query', 'app', 'yueyang'],
];

describeEachDialect('services list', (dialect) => {
  let harness: TestApp;

  const list = async (query: string): Promise<ServicePage> => {
    const response = await harness.app.inject({
      url: `/api/v1/services?${query}`,
      headers: harness.sessionHeaders,
    });
    expect(response.statusCode, response.body).toBe(200);
    return response.json<ServicePage>();
  };
  const keys = async (query: string) =>
    (await list(query)).items.map((service) => `${service.business}/${service.channel}`);

  beforeAll(async () => {
    harness = await openTestApp({ dialect, clock: new FakeClock(Date.UTC(2026, 11, 3)) });
    for (const [index, [source, business, channel, region]] of SERIES.entries())
      await harness.database.db
        .insertInto('series')
        .values({
          series_key: `s${index}`,
          source,
          check_id: source === 'check' ? `check-${index}` : null,
          location: source === 'check' ? 'local' : null,
          business,
          channel,
          region,
          segment: null,
          created_at: 0,
        })
        .execute();
  });
  afterAll(() => harness.close());

  it('pages by business then channel with the total, each service once with its sources', async () => {
    const everyone = ['bill_query/app', 'bill_query/web_hall', 'payment/app', 'payment/hall', 'recharge/app'];
    const first = await list('limit=2');
    expect(first.total).toBe(5);
    const second = await list(`limit=2&cursor=${first.nextCursor ?? ''}`);
    const third = await list(`limit=2&cursor=${second.nextCursor ?? ''}`);
    expect(third.nextCursor).toBeNull();
    const all = [...first.items, ...second.items, ...third.items];
    expect(all.map((service) => `${service.business}/${service.channel}`)).toEqual(everyone);
    expect(
      all.find((service) => service.business === 'payment' && service.channel === 'hall')?.sources.sort(),
    ).toEqual(['probe', 'transactions']);
  });

  it('filters by business, channel and source, and sorts by channel', async () => {
    expect(await keys('channel=app')).toEqual(['bill_query/app', 'payment/app', 'recharge/app']);
    const payment = await list('business=payment');
    expect(payment.total).toBe(2);
    expect(await keys('source=probe')).toEqual(['bill_query/web_hall', 'payment/hall']);
    expect(await keys('sort=channel:desc')).toEqual([
      'bill_query/web_hall',
      'payment/hall',
      'recharge/app',
      'payment/app',
      'bill_query/app',
    ]);
  });
});
