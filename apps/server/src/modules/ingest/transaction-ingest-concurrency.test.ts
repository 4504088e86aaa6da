import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { IngestResult, TransactionSeries } from '@ganzhi/contracts';
import { FakeClock } from '@ganzhi/testing';
import { describeEachDialect } from '../../db/each-dialect.js';
import { openTestApp, type TestApp } from '../../test-app.js';

const NOW = Date.UTC(2026, 10, 30, 6, 30);

function record(overrides: Record<string, unknown> = {}) {
  return {
    time: NOW - 120_000,
    business: 'payment',
    channel: 'web_hall',
    region: 'changsha',
    latencyMs: 800,
    outcome: 'ok',
    ...overrides,
  };
}

const ndjson = (records: readonly unknown[]) => records.map((r) => JSON.stringify(r)).join('\n');

/** Batches posted at the same time: the server may write several of them in one transaction (group commit). */
describeEachDialect('concurrent transaction batches', (dialect) => {
  let harness: TestApp;
  let token: string;

  beforeAll(async () => {
    harness = await openTestApp({ dialect, clock: new FakeClock(NOW) });
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

  const total = async (region: string) => {
    const params = new URLSearchParams({
      from: new Date(NOW - 3_600_000).toISOString(),
      to: new Date(NOW + 60_000).toISOString(),
      region,
    });
    const response = await harness.app.inject({
      method: 'GET',
      url: `/api/v1/transactions/series?${params.toString()}`,
      headers: { ...harness.sessionHeaders },
    });
    return response.json<TransactionSeries>().totals;
  };

  it('counts an external id sent in several concurrent batches once, and says which batches had it already', async () => {
    const ids = (from: number, to: number) =>
      Array.from({ length: to - from }, (_, i) =>
        record({ region: 'loudi', externalId: `concurrent-${from + i}`, time: NOW - 300_000 + i * 1000 }),
      );
    const batches = [ids(0, 100), ids(50, 150), ids(100, 200), ids(0, 200)];
    const results = (await Promise.all(batches.map((batch) => post(ndjson(batch))))).map((response) =>
      response.json<IngestResult>(),
    );
    expect(results.reduce((sum, result) => sum + result.accepted, 0)).toBe(200);
    results.forEach((result, i) => expect(result.accepted + result.duplicates).toBe(batches[i]?.length));
    expect((await total('loudi')).count).toBe(200);
  });

  it('answers each batch with its own rejections while batches around it are written', async () => {
    const bodies = [
      ndjson([record({ region: 'xiangxi' }), record({ region: 'xiangxi', channel: 'fax' })]),
      ndjson([record({ region: 'xiangxi', latencyMs: -1 }), record({ region: 'xiangxi', outcome: 'OK' })]),
      ndjson(Array.from({ length: 30 }, () => record({ region: 'xiangxi', outcome: 'E500' }))),
    ];
    const results = (await Promise.all(bodies.map((body) => post(body)))).map((response) =>
      response.json<IngestResult>(),
    );
    expect(results.map((result) => [result.accepted, result.rejected.map((r) => r.index)])).toEqual([
      [1, [1]],
      [1, [0]],
      [30, []],
    ]);
    expect(results[0]?.rejected[0]?.reason).toContain('unknown channel "fax"');
    // "OK" is a success, however it is spelt.
    expect(await total('xiangxi')).toMatchObject({ count: 32, failures: 30 });
  });

  it('does not hold good batches back for bodies that are refused while they are read', async () => {
    const responses = await Promise.all([
      post(Buffer.from('not gzip at all'), { 'content-encoding': 'gzip' }),
      post(ndjson([record({ region: 'yongzhou' })])),
      post('[1,2', { 'content-type': 'application/json' }),
      post(gzipSync(ndjson([record({ region: 'yongzhou' }), record({ region: 'yongzhou' })])), {
        'content-encoding': 'gzip',
      }),
      post('x'.repeat(10), { 'content-type': 'application/x-ndjson' }),
    ]);
    // The clock never moves in this test: had a refused body kept its announcement, the good ones would wait forever.
    expect(responses.map((response) => response.statusCode)).toEqual([400, 200, 400, 200, 400]);
    expect((await total('yongzhou')).count).toBe(3);
  });
});
