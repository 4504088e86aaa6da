import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Ranking } from '@ganzhi/contracts';
import { FakeClock } from '@ganzhi/testing';
import { describeEachDialect } from '../../db/each-dialect.js';
import { openTestApp, type TestApp } from '../../test-app.js';
import { compactDirtyRollups } from '../series/index.js';

const HOUR = 3_600_000;
// 14:30 in Changsha, on a day with history the day before.
const NOW = Date.UTC(2026, 10, 18, 6, 30);

interface Service {
  readonly business: string;
  readonly channel: string;
  readonly region: string;
  readonly latencyMs: number;
}

/** `n` records of one service in the ten minutes before `endMs`, `failures` of them failed. */
function records(service: Service & { readonly failures?: number }, endMs: number, n: number) {
  const failures = service.failures ?? 0;
  return Array.from({ length: n }, (_, index) => ({
    time: new Date(endMs - 60_000 - (index % 10) * 60_000).toISOString(),
    business: service.business,
    channel: service.channel,
    region: service.region,
    latencyMs: service.latencyMs,
    outcome: index < failures ? 'E500' : 'ok',
  }));
}

const PAY_HALL_CS = { business: 'payment', channel: 'hall', region: 'changsha', latencyMs: 900 };
const BILL_WEB_YY = { business: 'bill_query', channel: 'web_hall', region: 'yueyang', latencyMs: 1500 };
const BILL_WEB_CS = { business: 'bill_query', channel: 'web_hall', region: 'changsha', latencyMs: 300 };

describeEachDialect('rankings served from stored rolling windows', (dialect) => {
  let harness: TestApp;
  // Sessions end after 12 hours; this test spans a day, so it uses a token like an integration would.
  let token: string;
  const clock = new FakeClock(NOW - 26 * HOUR);

  async function ingest(batch: readonly unknown[]) {
    const response = await harness.app.inject({
      method: 'POST',
      url: '/api/v1/ingest/transactions',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      payload: JSON.stringify(batch),
    });
    expect(response.json()).toMatchObject({ rejected: [] });
  }

  /** What the periodic jobs do at the current time: compaction, then the score evaluator. */
  async function runJobs() {
    await compactDirtyRollups(harness.database.db, { timeZone: 'Asia/Shanghai', limit: 10_000 });
    await harness.services.scoreEvaluator.evaluateNow(clock.now());
  }

  const ranking = async (query: string) => {
    const response = await harness.app.inject({
      method: 'GET',
      url: `/api/v1/rankings?${query}`,
      headers: { authorization: `Bearer ${token}` },
    });
    expect(response.statusCode, response.body).toBe(200);
    return response.json<Ranking>();
  };

  beforeAll(async () => {
    harness = await openTestApp({ dialect, clock });
    token = await harness.createToken('rankings');
    // Yesterday: bill query was the slow one. Then nothing for a day, then an hour ago and now.
    await ingest([...records(PAY_HALL_CS, clock.now(), 40), ...records(BILL_WEB_YY, clock.now(), 40)]);
    await clock.advance(1.5 * HOUR);
    await runJobs();
    await clock.advance(23.5 * HOUR);
    await ingest([...records(PAY_HALL_CS, clock.now(), 40), ...records(BILL_WEB_YY, clock.now(), 40)]);
    await runJobs();
    await clock.advance(HOUR);
    await ingest([
      ...records({ ...PAY_HALL_CS, latencyMs: 2500, failures: 8 }, NOW, 40),
      ...records(BILL_WEB_YY, NOW, 40),
      ...records(BILL_WEB_CS, NOW, 40),
    ]);
    await runJobs();
  });
  afterAll(() => harness.close());

  it('ranks the last hour against the hour before, with the previous rank and score beside each', async () => {
    const hour = await ranking('by=business&period=hour');
    expect(hour.to).toBe(new Date(NOW).toISOString());
    expect(hour.slowest.map((entry) => entry.business)).toEqual(['payment', 'bill_query']);
    const [payment] = hour.slowest;
    expect(Math.abs((payment?.p95Ms ?? 0) - 2500) / 2500).toBeLessThanOrEqual(0.01);
    expect(payment?.failureRatio).toBeCloseTo(8 / 40, 9);
    // An hour ago payment was the faster one: it was ranked second.
    expect(payment?.previous.rank).toBe(2);
    expect(payment?.previous.p95Ms).not.toBeNull();
    expect(hour.byScore[0]?.business).toBe('payment');
  });

  it('compares a day with the previous day that has data, not with an empty one', async () => {
    const day = await ranking('by=service&period=day');
    expect(day.slowest.length).toBe(2);
    for (const entry of day.slowest) {
      expect(entry.previous.rank).not.toBeNull();
      expect(entry.previous.score).not.toBeNull();
    }
  });

  it('ranks businesses within one city and within one channel from their own stored rows', async () => {
    const changsha = await ranking('by=business&period=hour&region=changsha');
    expect(changsha.slowest.map((entry) => [entry.business, entry.volume])).toEqual([
      ['payment', 40],
      ['bill_query', 40],
    ]);
    const web = await ranking('by=business&period=hour&channel=web_hall');
    expect(web.slowest.map((entry) => [entry.business, entry.channel, entry.volume])).toEqual([
      ['bill_query', 'web_hall', 80],
    ]);
  });

  it('reads an earlier moment from what was stored then, and nothing before any data', async () => {
    const earlier = await ranking(`by=business&period=hour&at=${new Date(NOW - HOUR).toISOString()}`);
    expect(earlier.slowest.map((entry) => entry.business)).toEqual(['bill_query', 'payment']);
    const before = await ranking(`by=business&period=hour&at=${new Date(NOW - 30 * HOUR).toISOString()}`);
    expect(before.slowest).toEqual([]);
  });
});
