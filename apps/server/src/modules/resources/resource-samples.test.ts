import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { ResourceIngestResult } from '@ganzhi/contracts';
import { FakeClock } from '@ganzhi/testing';
import { describeEachDialect } from '../../db/each-dialect.js';
import { openTestApp, type TestApp } from '../../test-app.js';

const NOW = Date.UTC(2026, 10, 20, 6, 30);
const DAY_MS = 86_400_000;

function sample(overrides: Record<string, unknown> = {}) {
  return {
    time: new Date(NOW - 120_000).toISOString(),
    system: 'crm',
    host: 'crm-app-1',
    metric: 'cpu_util',
    value: 42,
    ...overrides,
  };
}

const ndjson = (records: readonly unknown[]) => records.map((r) => JSON.stringify(r)).join('\n');

describeEachDialect('resource samples', (dialect) => {
  let harness: TestApp;
  let token: string;
  const clock = new FakeClock(NOW);

  beforeAll(async () => {
    harness = await openTestApp({ dialect, clock });
    token = await harness.createToken('node exporter bridge');
  });
  afterAll(() => harness.close());

  const post = (payload: string | Buffer, headers: Record<string, string> = {}) =>
    harness.app.inject({
      method: 'POST',
      url: '/api/v1/resources/samples',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/x-ndjson', ...headers },
      payload,
    });

  const minuteRows = (filter: { system: string; host: string }) =>
    harness.database.db
      .selectFrom('resource_minute')
      .selectAll()
      .where('system', '=', filter.system)
      .where('host', '=', filter.host)
      .orderBy('metric')
      .orderBy('bucket_start')
      .execute();

  it('keeps the valid samples of a batch and reports each bad one with its index and reason', async () => {
    const body = [
      JSON.stringify(sample({ host: 'crm-db-1', value: 71.5 })),
      '{"time": "now", "system": "crm"',
      JSON.stringify(sample({ host: 'crm-db-1', metric: 'cpu_temperature' })),
      JSON.stringify(sample({ host: 'crm-db-1', value: 180 })),
      JSON.stringify(sample({ host: 'crm-db-1', time: NOW + 3_600_000 })),
      JSON.stringify(sample({ host: 'crm-db-1', system: 'mainframe' })),
      JSON.stringify(sample({ host: 'crm-db-1', metric: 'pool_in_use', value: 37 })),
      JSON.stringify(sample({ host: 'crm-db-1', metric: 'host_up', value: 2 })),
    ].join('\n');
    const response = await post(body);
    expect(response.statusCode).toBe(200);
    const result = response.json<ResourceIngestResult>();
    expect(result.accepted).toBe(2);
    expect(result.rejected.map((r) => r.index)).toEqual([1, 2, 3, 4, 5, 7]);
    const reasons = result.rejected.map((r) => r.reason);
    expect(reasons[0]).toContain('not JSON');
    expect(reasons[1]).toContain('metric');
    expect(reasons[2]).toContain('percentage (0–100)');
    expect(reasons[3]).toContain('future');
    expect(reasons[4]).toContain('unknown system "mainframe"');
    expect(reasons[4]).toContain('known: accounting, billing_query, credit, crm, settlement');
    expect(reasons[5]).toContain('host_up is 0 or 1');
    const rows = await minuteRows({ system: 'crm', host: 'crm-db-1' });
    expect(rows.map((row) => [row.metric, Number(row.sum), Number(row.count)])).toEqual([
      ['cpu_util', 71.5, 1],
      ['pool_in_use', 37, 1],
    ]);
  });

  it('merges samples of the same minute within and across batches into sum, count, minimum and maximum', async () => {
    const minute = Date.UTC(2026, 10, 20, 6, 10);
    await post(
      ndjson([
        sample({ host: 'crm-app-2', time: minute + 5_000, value: 60 }),
        sample({ host: 'crm-app-2', time: minute + 20_000, value: 90 }),
      ]),
    );
    const again = await post(
      JSON.stringify([sample({ host: 'crm-app-2', time: minute + 50_000, value: 30 })]),
      {
        'content-type': 'application/json',
      },
    );
    expect(again.json<ResourceIngestResult>()).toEqual({ accepted: 1, rejected: [] });
    const rows = await minuteRows({ system: 'crm', host: 'crm-app-2' });
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ bucket_start: minute, metric: 'cpu_util' });
    expect([rows[0]?.sum, rows[0]?.count, rows[0]?.min, rows[0]?.max].map(Number)).toEqual([180, 3, 30, 90]);
  });

  it('maps system names and aliases to codes, and names the aliases when a system is unknown', async () => {
    const aliases = await harness.app.inject({
      method: 'PUT',
      url: '/api/v1/dimensions',
      headers: { ...harness.sessionHeaders },
      payload: { aliases: [{ kind: 'system', alias: 'CRM-PROD', code: 'crm' }] },
    });
    expect(aliases.statusCode).toBe(200);
    const response = await post(
      gzipSync(
        ndjson([
          sample({ host: 'crm-app-3', system: 'crm-prod' }),
          sample({ host: 'crm-app-3', system: '营业系统', metric: 'storage_util', value: 55 }),
          sample({ host: 'crm-app-3', system: 'CRM-TEST' }),
        ]),
      ),
      { 'content-encoding': 'gzip' },
    );
    const result = response.json<ResourceIngestResult>();
    expect(result.accepted).toBe(2);
    expect(result.rejected).toEqual([
      { index: 2, reason: expect.stringContaining('aliases CRM-PROD → crm') as string },
    ]);
    expect((await minuteRows({ system: 'crm', host: 'crm-app-3' })).map((row) => row.metric)).toEqual([
      'cpu_util',
      'storage_util',
    ]);
  });

  it('accepts a browser session as well as a token, and refuses anonymous pushes', async () => {
    const withSession = await harness.app.inject({
      method: 'POST',
      url: '/api/v1/resources/samples',
      headers: { ...harness.sessionHeaders, 'content-type': 'application/json' },
      payload: JSON.stringify(sample({ host: 'crm-app-4' })),
    });
    expect(withSession.json<ResourceIngestResult>().accepted).toBe(1);
    const anonymous = await harness.app.inject({
      method: 'POST',
      url: '/api/v1/resources/samples',
      headers: { 'content-type': 'application/json' },
      payload: JSON.stringify(sample({ host: 'crm-app-4' })),
    });
    expect(anonymous.statusCode).toBe(401);
  });

  it('refuses samples older than the minute retention and prunes minutes that fall out of it', async () => {
    const tooOld = await post(ndjson([sample({ host: 'crm-old', time: NOW - 63 * DAY_MS })]));
    expect(tooOld.json<ResourceIngestResult>().rejected[0]?.reason).toContain('older than');
    await post(ndjson([sample({ host: 'crm-old', time: NOW - 61 * DAY_MS })]));
    expect(await minuteRows({ system: 'crm', host: 'crm-old' })).toHaveLength(1);
    await clock.advance(2 * DAY_MS);
    expect(await harness.services.resources.samples.prune()).toBeGreaterThanOrEqual(1);
    expect(await minuteRows({ system: 'crm', host: 'crm-old' })).toHaveLength(0);
  });
});
