import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { IngestResult, TransactionSeries } from '@ganzhi/contracts';
import { FakeClock } from '@ganzhi/testing';
import { describeEachDialect } from '../../db/each-dialect.js';
import { compactDirtyRollups } from '../series/index.js';
import { DEFAULT_INGEST_SETTINGS } from './transaction-ingest-service.js';
import { openTestApp, type TestApp } from '../../test-app.js';

const NOW = Date.UTC(2026, 10, 30, 6, 30);

function record(overrides: Record<string, unknown> = {}) {
  return {
    time: new Date(NOW - 120_000).toISOString(),
    business: 'payment',
    channel: 'web_hall',
    region: 'changsha',
    latencyMs: 800,
    outcome: 'ok',
    ...overrides,
  };
}

const ndjson = (records: readonly unknown[]) => records.map((r) => JSON.stringify(r)).join('\n');

describeEachDialect('transaction ingestion', (dialect) => {
  let harness: TestApp;
  let token: string;
  const clock = new FakeClock(NOW);

  beforeAll(async () => {
    harness = await openTestApp({ dialect, clock });
    token = await harness.createToken('hall logs');
  });
  afterAll(() => harness.close());

  const post = (payload: string | Buffer, headers: Record<string, string> = {}) =>
    harness.app.inject({
      method: 'POST',
      url: '/api/v1/ingest/transactions',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/x-ndjson', ...headers },
      payload,
    });

  const series = async (query: Record<string, string>) => {
    const params = new URLSearchParams({
      from: new Date(NOW - 86_400_000).toISOString(),
      to: new Date(NOW + 60_000).toISOString(),
      ...query,
    });
    const response = await harness.app.inject({
      method: 'GET',
      url: `/api/v1/transactions/series?${params.toString()}`,
      headers: { ...harness.sessionHeaders },
    });
    expect(response.statusCode).toBe(200);
    return response.json<TransactionSeries>();
  };

  it('keeps the valid records of a batch and reports each bad one with its index and reason', async () => {
    const body = [
      JSON.stringify(record({ region: 'zhuzhou' })),
      '{"time": "yesterday", "business": "payment"',
      JSON.stringify(record({ region: 'zhuzhou', latencyMs: -5 })),
      JSON.stringify(record({ region: 'zhuzhou', channel: 'carrier_pigeon' })),
      JSON.stringify(record({ region: 'zhuzhou', time: new Date(NOW + 3_600_000).toISOString() })),
      JSON.stringify([1, 2, 3]),
      JSON.stringify(record({ region: 'zhuzhou', outcome: 'E1023', latencyMs: 4200 })),
    ].join('\n');
    const response = await post(body);
    expect(response.statusCode).toBe(200);
    const result = response.json<IngestResult>();
    expect(result.accepted).toBe(2);
    expect(result.rejected.map((r) => r.index)).toEqual([1, 2, 3, 4, 5]);
    expect(result.rejected[0]?.reason).toContain('not JSON');
    expect(result.rejected[1]?.reason).toContain('latencyMs');
    expect(result.rejected[2]?.reason).toContain('unknown channel "carrier_pigeon"');
    expect(result.rejected[3]?.reason).toContain('future');
    const zhuzhou = await series({ region: 'zhuzhou' });
    expect(zhuzhou.totals).toMatchObject({ count: 2, failures: 1 });
  });

  it('maps names, seed codes and aliases to dimension codes, and refuses aliases of unknown values', async () => {
    const aliases = await harness.app.inject({
      method: 'PUT',
      url: '/api/v1/dimensions',
      headers: { ...harness.sessionHeaders },
      payload: { aliases: [{ kind: 'region', alias: '0736', code: 'changde' }] },
    });
    expect(aliases.statusCode).toBe(200);
    const dangling = await harness.app.inject({
      method: 'PUT',
      url: '/api/v1/dimensions',
      headers: { ...harness.sessionHeaders },
      payload: { aliases: [{ kind: 'region', alias: '0999', code: 'atlantis' }] },
    });
    expect(dangling.statusCode).toBe(400);
    expect(dangling.json<{ error: { details: { path: string }[] } }>().error.details[0]?.path).toBe(
      'aliases.0.code',
    );
    const unknownSystem = await harness.app.inject({
      method: 'PUT',
      url: '/api/v1/dimensions',
      headers: { ...harness.sessionHeaders },
      payload: {
        businesses: [
          {
            code: 'repair',
            nameZh: '报修',
            nameEn: 'Repair',
            type: 'transaction',
            slaMs: 3000,
            systems: ['crm', 'mainframe'],
          },
        ],
      },
    });
    expect(
      unknownSystem.json<{ error: { details: { path: string; message: string }[] } }>().error.details,
    ).toEqual([
      {
        path: 'businesses.0.systems.1',
        message: 'unknown system "mainframe"',
        code: 'unknown_reference',
        params: { kind: 'system', code: 'mainframe' },
      },
    ]);
    const records = [
      record({ channel: '网厅', business: 'PAY', region: '0736' }),
      record({ channel: 'WEB', business: 'Payment', region: '常德' }),
      record({ channel: 'web_hall', business: 'payment', region: 'changde', segment: 'MVC' }),
    ];
    const response = await post(JSON.stringify(records), { 'content-type': 'application/json' });
    expect(response.json<IngestResult>()).toEqual({ accepted: 3, duplicates: 0, rejected: [] });
    const bySegment = await series({ region: 'changde', groupBy: 'segment' });
    expect(bySegment.groups.map((g) => [g.key, g.totals.count])).toEqual([
      ['—', 2],
      ['mvc', 1],
    ]);
  });

  it('counts a repeated external id once, within a batch and across batches', async () => {
    const batch = [
      record({ region: 'loudi', externalId: 'tx-1' }),
      record({ region: 'loudi', externalId: 'tx-2' }),
      record({ region: 'loudi', externalId: 'tx-1' }),
    ];
    const first = (await post(ndjson(batch))).json<IngestResult>();
    const again = (
      await post(ndjson(batch), { 'content-encoding': 'gzip' }).catch(() => null)
    )?.json<IngestResult>();
    expect(first).toMatchObject({ accepted: 2, duplicates: 1 });
    // The second post claimed gzip but was not: refused whole, nothing counted.
    expect(again).toMatchObject({ error: { code: 'VALIDATION_FAILED' } });
    const replay = (await post(gzipSync(ndjson(batch)), { 'content-encoding': 'gzip' })).json<IngestResult>();
    expect(replay).toMatchObject({ accepted: 0, duplicates: 3 });
    expect((await series({ region: 'loudi' })).totals.count).toBe(2);
  });

  it('splits latencies into the seed tiers at exactly 2 s, 5 s and 10 s, at every resolution', async () => {
    const latencies = [1999, 2000, 2001, 4999, 5000, 5001, 9999, 10_000, 10_001];
    await post(ndjson(latencies.map((latencyMs) => record({ region: 'yiyang', latencyMs }))));
    // As the seeds write them: fast "< 2 s", slow "< 5 s", 5–10 s inclusive, very slow "> 10 s".
    const expected = { fast: 1, slow: 3, sluggish: 4, verySlow: 1 };
    expect((await series({ region: 'yiyang' })).totals.tiers).toEqual(expected);
    // The same after the minutes are compacted into hours and days.
    await compactDirtyRollups(harness.database.db, { timeZone: 'Asia/Shanghai', limit: 100 });
    expect((await series({ region: 'yiyang', resolution: 'hour' })).totals.tiers).toEqual(expected);
    expect((await series({ region: 'yiyang', resolution: 'day' })).totals.tiers).toEqual(expected);
  });

  it('re-aggregates the hour of a late record', async () => {
    const lateTime = NOW - 5 * 3_600_000;
    await post(ndjson([record({ region: 'huaihua', time: lateTime })]));
    await compactDirtyRollups(harness.database.db, { timeZone: 'Asia/Shanghai', limit: 100 });
    await post(ndjson([record({ region: 'huaihua', time: lateTime + 60_000, outcome: 'timeout' })]));
    await compactDirtyRollups(harness.database.db, { timeZone: 'Asia/Shanghai', limit: 100 });
    const hourly = await series({ region: 'huaihua', resolution: 'hour' });
    expect(hourly.groups[0]?.points).toEqual([
      expect.objectContaining({
        count: 2,
        failures: 1,
        t: new Date(Math.floor(lateTime / 3_600_000) * 3_600_000).toISOString(),
      }),
    ]);
  });

  it('groups by channel and exports the same figures as CSV', async () => {
    await post(
      ndjson([
        record({ region: 'xiangxi', channel: 'ivr', latencyMs: 12_000 }),
        record({ region: 'xiangxi', channel: 'ivr', latencyMs: 300 }),
        record({ region: 'xiangxi', channel: 'sms_hall', outcome: 'E500' }),
      ]),
    );
    const grouped = await series({ region: 'xiangxi', groupBy: 'channel' });
    expect(grouped.groups.map((g) => [g.key, g.totals.count, g.totals.failures])).toEqual([
      ['ivr', 2, 0],
      ['sms_hall', 1, 1],
    ]);
    const csv = await harness.app.inject({
      method: 'GET',
      url: `/api/v1/transactions/export.csv?${new URLSearchParams({
        from: new Date(NOW - 3_600_000).toISOString(),
        to: new Date(NOW).toISOString(),
        region: 'xiangxi',
        groupBy: 'channel',
      }).toString()}`,
      headers: { ...harness.sessionHeaders },
    });
    expect(csv.headers['content-type']).toContain('text/csv');
    const lines = csv.body
      .replace(/^\ufeff/, '')
      .trim()
      .split('\n');
    expect(lines[0]).toBe(
      'time,group,count,failures,failure_ratio,p50_ms,p95_ms,p99_ms,fast,slow,sluggish,very_slow',
    );
    expect(lines.slice(1).map((line) => line.split(',').slice(1, 4).join(','))).toEqual([
      'ivr,2,0',
      'sms_hall,1,1',
    ]);
  });

  it('commits concurrent batches over the same series without losing or double-counting any', async () => {
    const channels = ['hall', 'partner_hall', 'ivr', 'sms_hall', 'web_hall', 'app'];
    const batch = channels.flatMap((channel) =>
      Array.from({ length: 50 }, (_, i) =>
        record({ region: 'chenzhou', channel, time: NOW - 600_000 + i * 6000 }),
      ),
    );
    const results = await Promise.all(
      Array.from({ length: 6 }, (_, i) => post(ndjson(i % 2 === 0 ? batch : [...batch].reverse()))),
    );
    expect(results.map((r) => r.statusCode)).toEqual([200, 200, 200, 200, 200, 200]);
    expect((await series({ region: 'chenzhou' })).totals.count).toBe(6 * batch.length);
  });

  it('refuses NUL and unpaired surrogates per record on both engines, keeping the rest of the batch', async () => {
    const batch = [
      record({ region: 'xiangtan', externalId: 'xt-ok' }),
      record({ region: 'xiangtan', externalId: 'xt-\u0000-1' }),
      record({ region: 'xiangtan', clerkId: 'clerk\u0000' }),
      record({ region: 'xiangtan', outcome: 'E\u00001' }),
      // Unpaired surrogates have no UTF-8 form: stored as U+FFFD, these two would collapse into one id.
      record({ region: 'xiangtan', externalId: 'xt-\uD800' }),
      record({ region: 'xiangtan', externalId: 'xt-\uDBFF' }),
      record({ region: 'xiangtan', externalId: 'xt-\u{1F600}' }),
    ];
    const response = await post(JSON.stringify(batch), { 'content-type': 'application/json' });
    expect(response.statusCode).toBe(200);
    const result = response.json<IngestResult>();
    expect(result).toMatchObject({ accepted: 2, duplicates: 0 });
    expect(result.rejected.map((r) => r.index)).toEqual([1, 2, 3, 4, 5]);
    expect(result.rejected[0]?.reason).toContain('externalId: must not contain NUL');
    expect(result.rejected[1]?.reason).toContain('clerkId');
    expect(result.rejected[3]?.reason).toContain('unpaired');
  });

  it('answers 413 for a gzip body expanding beyond 64 MiB, however small it is compressed', async () => {
    const bomb = gzipSync(Buffer.alloc(80 * 1024 * 1024, 0x20));
    expect(bomb.byteLength).toBeLessThan(1024 * 1024);
    const response = await post(bomb, { 'content-encoding': 'gzip' });
    expect(response.statusCode).toBe(413);
    expect(response.json<{ error: { message: string } }>().error.message).toContain('expands beyond');
  });

  it('refuses garbage, bad gzip, oversized and unauthenticated bodies without harming later requests', async () => {
    const garbage = Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919) % 256));
    expect((await post(garbage)).statusCode).toBe(400);
    expect((await post('not json at all\nstill not')).statusCode).toBe(400);
    expect((await post(Buffer.from('not gzip'), { 'content-encoding': 'gzip' })).statusCode).toBe(400);
    expect((await post('[1,2', { 'content-type': 'application/json' })).statusCode).toBe(400);
    const deep = `${'['.repeat(100_000)}${']'.repeat(100_000)}`;
    const nested = await post(deep, { 'content-type': 'application/json' });
    expect(nested.statusCode).toBeLessThan(500);
    const unauthenticated = await harness.app.inject({
      method: 'POST',
      url: '/api/v1/ingest/transactions',
      headers: { 'content-type': 'application/x-ndjson' },
      payload: ndjson([record()]),
    });
    expect(unauthenticated.statusCode).toBe(401);
    const fine = await post(ndjson([record({ region: 'yongzhou' })]));
    expect(fine.json<IngestResult>().accepted).toBe(1);
  });
});

describeEachDialect('transaction ingestion limits', (dialect) => {
  let harness: TestApp;
  let token: string;

  beforeAll(async () => {
    harness = await openTestApp({
      dialect,
      clock: new FakeClock(NOW),
      ingestLimits: { maxBodyBytes: 64 * 1024, maxDecodedBytes: 256 * 1024, maxRecords: 100 },
    });
    token = await harness.createToken('limits');
  });
  afterAll(() => harness.close());

  const post = (payload: string | Buffer, headers: Record<string, string> = {}) =>
    harness.app.inject({
      method: 'POST',
      url: '/api/v1/ingest/transactions',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/x-ndjson', ...headers },
      payload,
    });

  it('answers 413 for a body, a decompressed body or a record count over the limits, and stores nothing', async () => {
    expect((await post('x'.repeat(70 * 1024))).statusCode).toBe(413);
    expect((await post(gzipSync(' '.repeat(300 * 1024)), { 'content-encoding': 'gzip' })).statusCode).toBe(
      413,
    );
    expect((await post(ndjson(Array.from({ length: 101 }, () => record())))).statusCode).toBe(413);
    const rows = await harness.database.db.selectFrom('rollups_minute').select('count').execute();
    expect(rows).toEqual([]);
  });
});

describeEachDialect('raw transaction records', (dialect) => {
  let harness: TestApp;

  beforeAll(async () => {
    harness = await openTestApp({
      dialect,
      clock: new FakeClock(NOW),
      ingest: { ...DEFAULT_INGEST_SETTINGS, storeRaw: true, customerIds: 'hash', customerIdKey: 'test-key' },
    });
  });
  afterAll(() => harness.close());

  it('keeps raw records when configured, with the customer id hashed by the key and never stored as sent', async () => {
    const result = await harness.services.transactions.ingest([
      record({
        customerId: '13800000001',
        clerkId: 'clerk-7',
        terminalId: 'T-1',
        host: 'boss-01',
        system: 'CRM',
      }),
      record({ customerId: '13800000001', region: 'loudi' }),
      record({ region: 'loudi' }),
    ]);
    expect(result).toMatchObject({ accepted: 3, rejected: [] });
    const rows = await harness.database.db.selectFrom('transactions').selectAll().orderBy('region').execute();
    expect(rows.map((row) => [row.region, row.clerk_id, row.system])).toEqual([
      ['changsha', 'clerk-7', 'crm'],
      ['loudi', null, null],
      ['loudi', null, null],
    ]);
    const [first, second, third] = rows.map((row) => row.customer);
    expect(first).toBe(second);
    expect(first).not.toContain('13800000001');
    expect(first).toHaveLength(22);
    expect(third).toBeNull();
  });
});
