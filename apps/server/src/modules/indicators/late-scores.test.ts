import { afterAll, beforeAll, expect, it } from 'vitest';
import type { ScoreOverview } from '@ganzhi/contracts';
import { FakeClock } from '@ganzhi/testing';
import { describeEachDialect } from '../../db/each-dialect.js';
import { openTestApp, type TestApp } from '../../test-app.js';

// 14:32 in Changsha: the 5-minute bucket of 14:25 (06:25 UTC) and the hour of 13:00 (05:00 UTC) are the latest scored.
const NOW = Date.UTC(2026, 10, 30, 6, 32);
const at = (hour: number, minute: number) => Date.UTC(2026, 10, 30, hour, minute);

describeEachDialect('late data in scored windows', (dialect) => {
  let harness: TestApp;
  let token: string;
  const clock = new FakeClock(NOW);

  const ingest = async (time: number, n: number) => {
    const response = await harness.app.inject({
      method: 'POST',
      url: '/api/v1/ingest/transactions',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      payload: JSON.stringify(
        Array.from({ length: n }, () => ({
          time,
          business: 'payment',
          channel: 'hall',
          region: 'changsha',
          latencyMs: 900,
          outcome: 'ok',
        })),
      ),
    });
    expect(response.json()).toMatchObject({ accepted: n, rejected: [] });
  };
  const overview = async (resolution: '5m' | '1h') => {
    const response = await harness.app.inject({
      method: 'GET',
      url: `/api/v1/scores/overview?resolution=${resolution}`,
      headers: { ...harness.sessionHeaders },
    });
    expect(response.statusCode, response.body).toBe(200);
    return response.json<ScoreOverview>();
  };
  const evaluated = async () =>
    (await harness.services.scoreEvaluator.evaluateDue(clock.now())).map(
      (result) => `${result.resolution} ${new Date(result.bucketStart).toISOString().slice(11, 16)}`,
    );

  beforeAll(async () => {
    harness = await openTestApp({ dialect, clock });
    token = await harness.createToken('hall logs');
    await ingest(at(6, 26), 100);
    await harness.services.scoreEvaluator.evaluateDue(clock.now());
  });
  afterAll(() => harness.close());

  it('scores the latest windows once, and nothing again when no minute was written since', async () => {
    const fiveMinutes = await overview('5m');
    expect(fiveMinutes.bucketStart).toBe(new Date(at(6, 25)).toISOString());
    expect(fiveMinutes.overall?.volume).toBe(100);
    expect((await overview('1h')).bucketStart).toBe(new Date(at(5, 0)).toISOString());
    expect(await evaluated()).toEqual([]);
  });

  it('leaves windows not yet scored to their own turn', async () => {
    await ingest(at(6, 31), 10);
    expect(await evaluated()).toEqual([]);
    expect((await overview('5m')).overall?.volume).toBe(100);
  });

  it('scores again every stored window a late upload falls in, and only once', async () => {
    await ingest(at(6, 27), 50);
    await ingest(at(5, 10), 7);
    const again = await evaluated();
    // 05:10 lies in the 15-minute windows of the buckets 05:10, 05:15 and 05:20; 06:27 in that of 06:25; the span
    // between is scored again as one range. The hour of 05:00 holds 05:10.
    expect(again).toContain('5m 05:10');
    expect(again).toContain('5m 06:25');
    expect(again).not.toContain('5m 05:05');
    expect(again).toContain('1h 05:00');
    expect(again.filter((entry) => entry.startsWith('1h'))).toEqual(['1h 05:00']);
    expect((await overview('5m')).overall?.volume).toBe(150);
    expect((await overview('1h')).overall?.volume).toBe(7);
    expect(await evaluated()).toEqual([]);
  });
});
