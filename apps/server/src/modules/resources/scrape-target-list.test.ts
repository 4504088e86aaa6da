import { afterAll, beforeAll, expect, it } from 'vitest';
import type { ScrapeTargetPage } from '@ganzhi/contracts';
import { FakeClock } from '@ganzhi/testing';
import { describeEachDialect } from '../../db/each-dialect.js';
import { openTestApp, type TestApp } from '../../test-app.js';

const T0 = Date.UTC(2026, 11, 3, 1, 0);
const MINUTE = 60_000;

/** name, system, enabled, last scrape (minutes after T0, status), or null when never scraped. */
type Fixture = [string, string, boolean, [number, string] | null];
const FIXTURES: Fixture[] = [
  ['crm node exporter', 'crm', true, [5, 'ok']],
  ['boss node exporter', 'boss', true, [3, 'failed']],
  ['CRM database', 'crm', true, [4, 'partial']],
  ['sms gateway', 'sms', false, null],
  ['billing exporter', 'billing', true, [1, 'ok']],
];

describeEachDialect('scrape targets list', (dialect) => {
  let harness: TestApp;

  const list = async (query: string): Promise<ScrapeTargetPage> => {
    const response = await harness.app.inject({
      url: `/api/v1/resources/scrape-targets?${query}`,
      headers: harness.sessionHeaders,
    });
    expect(response.statusCode, response.body).toBe(200);
    return response.json<ScrapeTargetPage>();
  };
  const names = async (query: string) => (await list(query)).items.map((target) => target.name);

  beforeAll(async () => {
    harness = await openTestApp({ dialect, clock: new FakeClock(T0) });
    for (const [index, [name, system, enabled, scrape]] of FIXTURES.entries())
      await harness.database.db
        .insertInto('scrape_targets')
        .values({
          id: `target-${index}`,
          name,
          url: `http://10.0.0.${index + 1}:9100/metrics`,
          interval_seconds: 60,
          timeout_ms: 10_000,
          system,
          host_json: '{"kind":"label","label":"instance"}',
          mappings_json: '[{"prometheusMetric":"cpu","metric":"cpu_util","scale":1}]',
          enabled: enabled ? 1 : 0,
          created_at: T0,
          updated_at: T0,
          last_scrape_at: scrape === null ? null : T0 + scrape[0] * MINUTE,
          last_status: scrape === null ? null : scrape[1],
          last_samples: scrape === null ? null : 10,
          last_error: null,
        })
        .execute();
  });
  afterAll(async () => {
    await harness.services.resources.scraper.stop();
    await harness.close();
  });

  it('pages by name case-folded with the total, each target once', async () => {
    const everyone = await names('');
    expect(everyone).toEqual([
      'billing exporter',
      'boss node exporter',
      'CRM database',
      'crm node exporter',
      'sms gateway',
    ]);
    const first = await list('limit=2');
    expect(first.total).toBe(5);
    const second = await list(`limit=2&cursor=${first.nextCursor ?? ''}`);
    const third = await list(`limit=2&cursor=${second.nextCursor ?? ''}`);
    expect(third.nextCursor).toBeNull();
    expect([...first.items, ...second.items, ...third.items].map((target) => target.name)).toEqual(everyone);
  });

  it('filters by text (name or URL), system, status and enabled', async () => {
    expect(await names('text=EXPORTER')).toEqual([
      'billing exporter',
      'boss node exporter',
      'crm node exporter',
    ]);
    expect(await names('text=10.0.0.4')).toEqual(['sms gateway']);
    const crm = await list('system=crm');
    expect(crm.items.map((target) => target.name)).toEqual(['CRM database', 'crm node exporter']);
    expect(crm.total).toBe(2);
    expect(await names('status=ok')).toEqual(['billing exporter', 'crm node exporter']);
    expect(await names('enabled=false')).toEqual(['sms gateway']);
  });

  it('sorts by the last scrape, the never scraped last both ways', async () => {
    const newest = await names('sort=lastScrapeAt:desc');
    expect(newest).toEqual([
      'crm node exporter',
      'CRM database',
      'boss node exporter',
      'billing exporter',
      'sms gateway',
    ]);
    expect(await names('sort=lastScrapeAt:asc')).toEqual([...newest.slice(0, 4).reverse(), 'sms gateway']);
    const first = await list('sort=lastScrapeAt:desc&limit=3');
    const rest = await list(`sort=lastScrapeAt:desc&limit=3&cursor=${first.nextCursor ?? ''}`);
    expect([...first.items, ...rest.items].map((target) => target.name)).toEqual(newest);
  });
});
