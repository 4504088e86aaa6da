import { afterAll, beforeAll, expect, it } from 'vitest';
import type { LocationPage } from '@ganzhi/contracts';
import { FakeClock } from '@ganzhi/testing';
import { describeEachDialect } from '../../db/each-dialect.js';
import { openTestApp, type TestApp } from '../../test-app.js';

const T0 = Date.UTC(2026, 11, 3, 1, 0);

/** code, name, region, site. */
const NAMED: [string, string, string | null, string | null][] = [
  ['cs-hall-1', 'Wuyi Road hall', 'changsha', 'Wuyi Road business hall'],
  ['cs-hall-2', 'wuyi road HALL', 'changsha', null],
  ['cs-idc', 'Changsha IDC', 'changsha', null],
  ['zz-hall', 'Zhuzhou hall', 'zhuzhou', null],
  ['yy-room', 'Yueyang machine room', 'yueyang', null],
  ['changde', 'Changde', null, null],
];

describeEachDialect('locations list', (dialect) => {
  let harness: TestApp;

  const list = async (query: string): Promise<LocationPage> => {
    const response = await harness.app.inject({
      url: `/api/v1/locations?${query}`,
      headers: harness.sessionHeaders,
    });
    expect(response.statusCode, response.body).toBe(200);
    return response.json<LocationPage>();
  };
  const codes = async (query: string) => (await list(query)).items.map((location) => location.code);

  beforeAll(async () => {
    harness = await openTestApp({ dialect, clock: new FakeClock(T0) });
    for (const [code, name, regionCode, site] of NAMED) {
      const response = await harness.app.inject({
        method: 'PUT',
        url: `/api/v1/locations/${code}`,
        headers: harness.sessionHeaders,
        payload: { name, regionCode, site },
      });
      expect(response.statusCode, response.body).toBe(204);
    }
  });
  afterAll(() => harness.close());

  it('pages by code with the total, each location once, with its last hour', async () => {
    const everyone = await codes('');
    expect(everyone).toEqual(['changde', 'cs-hall-1', 'cs-hall-2', 'cs-idc', 'yy-room', 'zz-hall']);
    const first = await list('limit=4');
    expect(first.total).toBe(6);
    expect(first.items[0]).toMatchObject({
      code: 'changde',
      lastHour: { runs: 0, failures: 0, p95Ms: null },
    });
    const second = await list(`limit=4&cursor=${first.nextCursor ?? ''}`);
    expect(second.nextCursor).toBeNull();
    expect([...first.items, ...second.items].map((location) => location.code)).toEqual(everyone);
    expect(await codes('limit=4&offset=4')).toEqual(everyone.slice(4));
  });

  it('filters by text and by region (mapped to it, or named after it)', async () => {
    expect(await codes('text=HALL')).toEqual(['cs-hall-1', 'cs-hall-2', 'zz-hall']);
    // The site counts too.
    expect(await codes('text=business')).toEqual(['cs-hall-1']);
    const changsha = await list('region=changsha');
    expect(changsha.items.map((location) => location.code)).toEqual(['cs-hall-1', 'cs-hall-2', 'cs-idc']);
    expect(changsha.total).toBe(3);
    expect(await codes('region=changde')).toEqual(['changde']);
  });

  it('sorts by name case-folded, the code breaking ties, and pages that order', async () => {
    const byName = await codes('sort=name:desc');
    expect(byName).toEqual(['zz-hall', 'yy-room', 'cs-hall-2', 'cs-hall-1', 'cs-idc', 'changde']);
    const first = await list('sort=name:desc&limit=3');
    const rest = await list(`sort=name:desc&limit=3&cursor=${first.nextCursor ?? ''}`);
    expect([...first.items, ...rest.items].map((location) => location.code)).toEqual(byName);
  });
});
