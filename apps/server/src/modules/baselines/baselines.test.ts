import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Baseline, BaselineComparison } from '@ganzhi/contracts';
import { createHistogram, profileSlotOf, recordLatency, zoneOffsetMs } from '@ganzhi/quality';
import { FakeClock } from '@ganzhi/testing';
import { describeEachDialect } from '../../db/each-dialect.js';
import { openTestApp, type TestApp } from '../../test-app.js';
import { addToRollups } from '../series/index.js';

const ZONE = 'Asia/Shanghai';
const HOUR = 3_600_000;
/** Local midnight of a November 2026 day in Changsha, as epoch ms. */
const november = (day: number, hour = 0) => Date.UTC(2026, 10, day, hour) - 8 * HOUR;
const NOW = november(30, 15);

/**
 * Synthetic history: transactions take 600 ms, except during office hours on month-end days (the last three of each
 * month), when they take 3 s — the seeds' month-end peak. Two anomalies: an ordinary Tuesday at 10:00 as slow as a
 * month end, and 9 s at 13:00 on the last day of November.
 */
function latencyAt(timeMs: number): number {
  if (timeMs === november(17, 10)) return 3000;
  if (timeMs === november(30, 13)) return 9000;
  const slot = profileSlotOf(timeMs, ZONE);
  return slot.dayClass === 'month_end' && slot.hour >= 9 && slot.hour < 18 ? 3000 : 600;
}

describeEachDialect('baselines', (dialect) => {
  let harness: TestApp;
  const clock = new FakeClock(NOW);

  beforeAll(async () => {
    expect(zoneOffsetMs(NOW, ZONE)).toBe(8 * HOUR);
    harness = await openTestApp({ dialect, clock });
    const { db } = harness.database;
    const seriesKey = 'tx|payment|hall|changsha';
    await harness.services.series.ensureSeries({
      db,
      series: {
        seriesKey,
        source: 'transactions',
        checkId: null,
        location: null,
        business: 'payment',
        channel: 'hall',
        region: 'changsha',
      },
    });
    const deltas = [];
    for (let time = NOW - 100 * 24 * HOUR; time < NOW; time += HOUR) {
      const histogram = createHistogram();
      for (let i = 0; i < 5; i += 1) recordLatency(histogram, latencyAt(time));
      deltas.push({
        seriesKey,
        bucketStart: time,
        count: 5,
        failures: 0,
        latencySumMs: 5 * latencyAt(time),
        histogram,
      });
    }
    await addToRollups(db, 'rollups_hour', deltas);
  });
  afterAll(() => harness.close());

  const request = async <T>(method: 'GET' | 'POST', url: string, payload?: object) => {
    const response = await harness.app.inject({
      method,
      url,
      headers: { ...harness.sessionHeaders },
      ...(payload ? { payload } : {}),
    });
    return { status: response.statusCode, body: response.json<T>() };
  };
  const compare = async (fromMs: number, toMs: number) => {
    const params = new URLSearchParams({
      region: 'changsha',
      metric: 'p95_ms',
      from: new Date(fromMs).toISOString(),
      to: new Date(toMs).toISOString(),
    });
    const { status, body } = await request<BaselineComparison>(
      'GET',
      `/api/v1/baselines/services/payment/hall?${params.toString()}`,
    );
    expect(status).toBe(200);
    return body;
  };

  it('flags an ordinary Tuesday as slow as a month end against its learned profile', async () => {
    const result = await compare(november(17), november(17, 11));
    expect(result.deviation.time).toBe(new Date(november(17, 10)).toISOString());
    expect(result.deviation.flagged).toBe(true);
    expect(result.deviation.ratio).toBeGreaterThan(3);
    // The learned Tuesday band is the 600 ms bucket (0.5 s, 0.75 s].
    const band = result.learned.find((point) => point.time === new Date(november(17, 10)).toISOString());
    expect(band?.expected).toBeGreaterThan(500);
    expect(band?.expected).toBeLessThanOrEqual(750);
    expect(result.sla).toBe(3000);
  });

  it('expects the month-end peak at month end, and flags what exceeds it', async () => {
    const peak = await compare(november(30), november(30, 11));
    expect(peak.deviation.flagged).toBe(false);
    expect(peak.deviation.ratio).toBeCloseTo(1, 1);
    const incident = await compare(november(30), november(30, 14));
    expect(incident.deviation.time).toBe(new Date(november(30, 13)).toISOString());
    expect(incident.deviation.flagged).toBe(true);
    expect(incident.current).toHaveLength(14);
  });

  it('freezes a reference period as a baseline version and stores static baselines', async () => {
    const version = await request<Baseline>('POST', '/api/v1/baselines', {
      kind: 'version',
      name: 'October release',
      business: 'payment',
      channel: 'hall',
      region: 'changsha',
      metric: 'p95_ms',
      from: new Date(november(1) - 31 * 24 * HOUR).toISOString(),
      to: new Date(november(1)).toISOString(),
    });
    expect(version.status).toBe(201);
    expect(version.body.slots).toBeGreaterThan(100);
    const loadTest = await request<Baseline>('POST', '/api/v1/baselines', {
      kind: 'static',
      name: 'Load test 2026-10',
      business: 'payment',
      channel: 'hall',
      region: 'changsha',
      metric: 'p95_ms',
      value: 1800,
    });
    expect(loadTest.status).toBe(201);
    const result = await compare(november(30), november(30, 11));
    expect(result.versions.map((entry) => [entry.name, entry.points.length])).toEqual([
      ['October release', 11],
      ['Load test 2026-10', 11],
    ]);
    expect(result.versions[1]?.points[0]?.expected).toBe(1800);
  });

  it('refuses a version of a period without data, naming the field', async () => {
    const empty = await request<{ error: { details: { path: string }[] } }>('POST', '/api/v1/baselines', {
      kind: 'version',
      name: 'Empty',
      business: 'bill_query',
      channel: 'hall',
      metric: 'p95_ms',
      from: new Date(november(1)).toISOString(),
      to: new Date(november(2)).toISOString(),
    });
    expect(empty.status).toBe(400);
    expect(empty.body.error.details.map((issue) => issue.path)).toEqual(['from']);
  });
});
