import { afterAll, beforeAll, expect, it } from 'vitest';
import type { IndicatorPage } from '@ganzhi/contracts';
import { FakeClock } from '@ganzhi/testing';
import { describeEachDialect } from '../../db/each-dialect.js';
import { openTestApp, type TestApp } from '../../test-app.js';

const custom = (id: string, en: string) => ({
  id,
  name: { zh: en, en },
  layer: 'experience',
  dimension: 'customer_perception',
  family: 'efficiency',
  source: 'transactions',
  formula: '100 * share_below(latency, 2000)',
  unit: '%',
  direction: 'higher_is_better',
  successPercent: true,
  thresholds: { good: 95, bad: 80 },
});

describeEachDialect('indicators list', (dialect) => {
  let harness: TestApp;

  const list = async (query: string): Promise<IndicatorPage> => {
    const response = await harness.app.inject({
      url: `/api/v1/indicators?${query}`,
      headers: harness.sessionHeaders,
    });
    expect(response.statusCode, response.body).toBe(200);
    return response.json<IndicatorPage>();
  };
  const ids = async (query: string) => (await list(query)).items.map((indicator) => indicator.id);

  beforeAll(async () => {
    harness = await openTestApp({ dialect, clock: new FakeClock(Date.UTC(2026, 11, 3)) });
    for (const [id, name] of [
      ['zz_custom_fast', 'Custom fast share'],
      ['aa_custom_quick', 'Custom quick share'],
    ] as const) {
      const response = await harness.app.inject({
        method: 'PUT',
        url: `/api/v1/indicators/${id}`,
        headers: harness.sessionHeaders,
        payload: custom(id, name),
      });
      expect(response.statusCode, response.body).toBe(200);
    }
  });
  afterAll(() => harness.close());

  it('pages the catalogue in its order, custom ones last, with the total and no duplicates or gaps', async () => {
    const everything = await ids('limit=500');
    expect(everything.slice(-2)).toEqual(['aa_custom_quick', 'zz_custom_fast']);
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const page: IndicatorPage = await list(`limit=30${cursor === null ? '' : `&cursor=${cursor}`}`);
      expect(page.total).toBe(everything.length);
      seen.push(...page.items.map((indicator) => indicator.id));
      cursor = page.nextCursor;
      pages += 1;
    } while (cursor !== null);
    expect(pages).toBe(Math.ceil(everything.length / 30));
    expect(seen).toEqual(everything);
    expect((await list('')).items).toHaveLength(50);
  });

  it('filters by layer, family, builtin and text', async () => {
    const customOnly = await list('builtin=false');
    expect(customOnly.items.map((indicator) => indicator.id)).toEqual(['aa_custom_quick', 'zz_custom_fast']);
    expect(customOnly.total).toBe(2);
    expect(await ids('text=QUICK')).toEqual(['aa_custom_quick']);
    const resource = await list('layer=resource&limit=500');
    expect(resource.total).toBeGreaterThan(0);
    expect(resource.items.every((indicator) => indicator.layer === 'resource')).toBe(true);
    const capacity = await list('family=capacity&layer=experience&builtin=false');
    expect(capacity.total).toBe(0);
  });

  it('sorts by id and by layer, the id breaking ties', async () => {
    const byId = await ids('sort=id:desc&limit=500');
    expect(byId).toEqual([...byId].sort().reverse());
    expect(byId[0]).toBe('zz_custom_fast');
    const byLayer = (await list('sort=layer:asc&limit=500')).items;
    const keys = byLayer.map((indicator) => `${indicator.layer} ${indicator.id}`);
    expect(keys).toEqual([...keys].sort());
  });
});
