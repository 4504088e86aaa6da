import { afterAll, beforeAll, expect, it } from 'vitest';
import type { ServiceDrill } from '@ganzhi/contracts';
import { createHistogram, recordLatency } from '@ganzhi/quality';
import { FakeClock } from '@ganzhi/testing';
import { describeEachDialect } from '../../db/each-dialect.js';
import { openTestApp, type TestApp } from '../../test-app.js';
import { addToRollups } from '../series/index.js';
import { readSlotBaselines } from './score-evaluator.js';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
/** Tuesday 17 November 2026, 10:30 in Changsha (UTC+8). */
const NOW = Date.UTC(2026, 10, 17, 2, 30);

describeEachDialect('learned baselines in scoring', (dialect) => {
  let harness: TestApp;
  const clock = new FakeClock(NOW);

  beforeAll(async () => {
    harness = await openTestApp({ dialect, clock });
    const { db } = harness.database;
    const deltas = [];
    for (const region of ['changsha', 'zhuzhou']) {
      const seriesKey = `tx|payment|hall|${region}`;
      await harness.services.series.ensureSeries({
        db,
        series: {
          seriesKey,
          source: 'transactions',
          checkId: null,
          location: null,
          business: 'payment',
          channel: 'hall',
          region,
        },
      });
      // 10:00 on previous Tuesdays (Oct 20, Oct 27, Nov 10; Nov 3 is a month-start day): 600 ms in Changsha, 1.2 s in
      // Zhuzhou. Every other hour takes 5 s, so reading any hour outside the slot would show.
      const thisHour = NOW - (NOW % HOUR);
      for (let time = thisHour - 30 * DAY; time < thisHour; time += HOUR) {
        const inSlot = (thisHour - time) % (7 * DAY) === 0;
        const latency = inSlot ? (region === 'changsha' ? 600 : 1200) : 5000;
        const histogram = createHistogram();
        for (let i = 0; i < 10; i += 1) recordLatency(histogram, latency);
        deltas.push({
          seriesKey,
          bucketStart: time,
          count: 10,
          failures: 0,
          latencySumMs: 10 * latency,
          histogram,
        });
      }
    }
    await addToRollups(db, 'rollups_hour', deltas);
    const token = await harness.createToken('hall logs');
    const records = Array.from({ length: 100 }, (_, index) => ({
      time: new Date(NOW - 60_000 - (index % 10) * 60_000).toISOString(),
      business: 'payment',
      channel: 'hall',
      region: 'changsha',
      latencyMs: 1400,
      outcome: 'ok',
    }));
    await harness.app.inject({
      method: 'POST',
      url: '/api/v1/ingest/transactions',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      payload: JSON.stringify(records),
    });
  });
  afterAll(() => harness.close());

  it('learns each service’s median for this hour on comparable days, per region and province-wide', async () => {
    const learned = await readSlotBaselines(harness.database.db, {
      atMs: NOW,
      timeZone: 'Asia/Shanghai',
      days: 90,
    });
    // 600 ms lies in the bucket (500, 750], 1.2 s in (1000, 1500]; the 5 s hours of other slots are not read.
    expect(learned.get('payment|hall|changsha')).toBeGreaterThan(500);
    expect(learned.get('payment|hall|changsha')).toBeLessThanOrEqual(750);
    expect(learned.get('payment|hall|zhuzhou')).toBeGreaterThan(1000);
    expect(learned.get('payment|hall|zhuzhou')).toBeLessThanOrEqual(1500);
    // Province-wide: the median of the merged hours (half 600 ms, half 1.2 s).
    expect(learned.get('payment|hall|')).toBeGreaterThan(500);
    expect(learned.get('payment|hall|')).toBeLessThanOrEqual(1500);
    // Over two weeks only Nov 10 is comparable (Nov 3 is month start): too little history is no baseline.
    const short = await readSlotBaselines(harness.database.db, {
      atMs: NOW,
      timeZone: 'Asia/Shanghai',
      days: 14,
    });
    expect(short.get('payment|hall|changsha')).toBeUndefined();
  });

  it('scores the degradation against the learned median', async () => {
    await harness.services.scoreEvaluator.evaluate({
      resolution: '5m',
      bucketStart: NOW - (NOW % 300_000) - 300_000,
    });
    const response = await harness.app.inject({
      method: 'GET',
      url: '/api/v1/scores/services/payment/hall?region=changsha',
      headers: { ...harness.sessionHeaders },
    });
    const drill = response.json<ServiceDrill>();
    const degradation = drill.kpis.find((kpi) => kpi.indicatorId === 'response_time_degradation_ratio');
    // Today 1.4 s against a usual ~0.6 s: more than 1.5 × worse scores 1.
    expect(degradation?.value).toBeGreaterThan(1.5);
    expect(degradation?.score).toBe(1);
  });
});
