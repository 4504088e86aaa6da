import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Indicator, Ranking, ScoreOverview, ServiceDrill } from '@ganzhi/contracts';
import { FakeClock } from '@ganzhi/testing';
import { describeEachDialect } from '../../db/each-dialect.js';
import { openTestApp, type TestApp } from '../../test-app.js';

// Month end, 14:30 in Changsha.
const NOW = Date.UTC(2026, 10, 30, 6, 30);
const FIVE_MINUTES = 300_000;

interface ErrorBody {
  readonly error: { readonly code: string; readonly details: { path: string; message: string }[] };
}

/** `n` records of one service, `failures` of them failed, spread over the last ten minutes. */
function records(
  service: { business: string; channel: string; region: string },
  n: number,
  failures: number,
) {
  return Array.from({ length: n }, (_, index) => ({
    time: new Date(NOW - 60_000 - (index % 10) * 60_000).toISOString(),
    ...service,
    latencyMs: service.business === 'bill_query' ? 1400 : 800,
    outcome: index < failures ? 'E500' : 'ok',
  }));
}

describeEachDialect('indicators and scores', (dialect) => {
  let harness: TestApp;
  const clock = new FakeClock(NOW);

  beforeAll(async () => {
    harness = await openTestApp({ dialect, clock });
    const token = await harness.createToken('hall logs');
    const batch = [
      ...records({ business: 'payment', channel: 'hall', region: 'changsha' }, 200, 10),
      ...records({ business: 'bill_query', channel: 'web_hall', region: 'yueyang' }, 100, 0),
      ...records({ business: 'payment', channel: 'hall', region: 'yueyang' }, 20, 0),
    ];
    const response = await harness.app.inject({
      method: 'POST',
      url: '/api/v1/ingest/transactions',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      payload: JSON.stringify(batch),
    });
    expect(response.json()).toMatchObject({ accepted: 320, rejected: [] });
  });
  afterAll(() => harness.close());

  const get = async <T>(url: string, status = 200) => {
    const response = await harness.app.inject({ method: 'GET', url, headers: { ...harness.sessionHeaders } });
    expect(response.statusCode, response.body).toBe(status);
    return response.json<T>();
  };
  const put = (id: string, payload: unknown) =>
    harness.app.inject({
      method: 'PUT',
      url: `/api/v1/indicators/${id}`,
      headers: { ...harness.sessionHeaders },
      payload: payload as Record<string, unknown>,
    });

  it('lists every indicator definition with its layer, dimension, family, unit and thresholds', async () => {
    const { items } = await get<{ items: Indicator[] }>('/api/v1/indicators?limit=500');
    expect(items.length).toBeGreaterThanOrEqual(50);
    for (const item of items) {
      expect(['resource', 'platform', 'experience']).toContain(item.layer);
      expect(item).toHaveProperty('dimension');
      expect(item).toHaveProperty('family');
      expect(item).toHaveProperty('unit');
      expect(typeof item.thresholds.good).toBe('number');
    }
    expect(items.find((item) => item.id === 'txn_failure_rate')).toMatchObject({
      layer: 'platform',
      family: 'reliability',
      builtin: true,
      modified: false,
      measurements: ['count', 'failures'],
    });
  });

  const custom = {
    id: 'fast_share',
    name: { zh: '快速响应占比', en: 'Fast response share' },
    layer: 'experience',
    dimension: 'customer_perception',
    family: 'efficiency',
    source: 'transactions',
    formula: '100 * share_below(latency, 2000)',
    unit: '%',
    direction: 'higher_is_better',
    successPercent: true,
    thresholds: { good: 95, bad: 80 },
  };

  it('rejects unknown measurements, constant zero divisors and inconsistent thresholds with the field named', async () => {
    const unknown = await put('fast_share', { ...custom, formula: '100 * fast / count' });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json<ErrorBody>().error.details).toEqual([
      {
        path: 'formula',
        code: 'invalid_formula',
        params: { detail: expect.stringContaining('unknown measurement "fast"') as string },
        message: expect.stringContaining('unknown measurement "fast"') as string,
      },
    ]);
    const zero = await put('fast_share', { ...custom, formula: 'count / (2 - 2)' });
    expect(zero.json<ErrorBody>().error.details).toEqual([
      {
        path: 'formula',
        code: 'invalid_formula',
        params: { detail: 'divides by a constant zero' },
        message: 'divides by a constant zero',
      },
    ]);
    const order = await put('fast_share', { ...custom, thresholds: { good: 80, tolerable: 90, bad: 95 } });
    expect(order.json<ErrorBody>().error.details.map((issue) => issue.path)).toEqual([
      'thresholds.bad',
      'thresholds.tolerable',
    ]);
    const { items } = await get<{ items: Indicator[] }>('/api/v1/indicators?limit=500');
    expect(items.some((item) => item.id === 'fast_share')).toBe(false);
  });

  it('adds custom indicators and overrides, then resets, built-in ones', async () => {
    expect((await put('fast_share', custom)).statusCode).toBe(200);
    const override = await put('txn_failure_rate', {
      ...(await get<Indicator>('/api/v1/indicators/txn_failure_rate')),
      thresholds: { good: 2, tolerable: null, bad: 20 },
    });
    expect(override.json<Indicator>()).toMatchObject({ builtin: true, modified: true });
    const reset = await harness.app.inject({
      method: 'DELETE',
      url: '/api/v1/indicators/txn_failure_rate',
      headers: { ...harness.sessionHeaders },
    });
    expect(reset.json()).toEqual({ reset: true });
    expect(await get<Indicator>('/api/v1/indicators/txn_failure_rate')).toMatchObject({
      modified: false,
      thresholds: { good: 1, bad: 10 },
    });
  });

  it('scores each service from its KPIs and stores snapshots the overview reads', async () => {
    const bucketStart = Math.floor(NOW / FIVE_MINUTES) * FIVE_MINUTES - FIVE_MINUTES;
    await harness.services.scoreEvaluator.evaluate({ resolution: '5m', bucketStart });
    const overview = await get<ScoreOverview>('/api/v1/scores/overview');
    expect(overview.bucketStart).toBe(new Date(bucketStart).toISOString());
    // 5 % failures on a payment service: the critical failure KPI caps its score below the reasonable range.
    const worst = overview.worstServices[0];
    expect(worst).toMatchObject({ business: 'payment', channel: 'hall', region: 'changsha' });
    expect(worst?.worst?.key).toBe('txn_failure_rate');
    expect(worst?.score).toBeLessThan(3);
    // Twenty transactions are too few to score: insufficient, not a number.
    expect(overview.bands).toEqual({ good: 1, tolerable: 0, poor: 1, insufficient: 1 });
    const cell = overview.cells.find((entry) => entry.channel === 'hall' && entry.region === 'changsha');
    expect(cell?.score).toBe(worst?.score);
    expect(overview.overall?.volume).toBe(320);
  });

  it('scores on demand: the latest complete windows are re-evaluated and replaced', async () => {
    const response = await harness.app.inject({
      method: 'POST',
      url: '/api/v1/scores/evaluate',
      headers: { ...harness.sessionHeaders },
    });
    expect(response.statusCode).toBe(200);
    const { evaluated } = response.json<{
      evaluated: { resolution: string; bucketStart: string; rows: number }[];
    }>();
    const latest = new Date(Math.floor(NOW / FIVE_MINUTES) * FIVE_MINUTES - FIVE_MINUTES).toISOString();
    expect(evaluated).toContainEqual(expect.objectContaining({ resolution: '5m', bucketStart: latest }));
    expect(
      evaluated.find((result) => result.resolution === '5m' && result.bucketStart === latest)?.rows,
    ).toBeGreaterThan(5);
    const overview = await get<ScoreOverview>('/api/v1/scores/overview');
    expect(overview.bands).toEqual({ good: 1, tolerable: 0, poor: 1, insufficient: 1 });
  });

  it('drills a service down to its KPIs with layer, value and score, and the regions behind it', async () => {
    const drill = await get<ServiceDrill>('/api/v1/scores/services/payment/hall?region=changsha');
    const failure = drill.kpis.find((kpi) => kpi.indicatorId === 'txn_failure_rate');
    expect(failure).toMatchObject({
      value: 5,
      status: 'ok',
      layer: 'platform',
      critical: true,
      samples: 200,
    });
    expect(failure?.score).toBeCloseTo(2.2, 2);
    expect(drill.kpis.find((kpi) => kpi.indicatorId === 'baseline_compliance_rate')).toMatchObject({
      value: 100,
      score: 5,
    });
    expect(drill.kpis.find((kpi) => kpi.indicatorId === 'fast_share')).toMatchObject({
      value: 100,
      score: 5,
    });
    expect(drill.score).toBe(failure?.score);
    expect(drill.worstKqi?.key).toBe('reliability');
    expect(drill.regions.map((entry) => [entry.region, entry.score === null])).toEqual([
      ['changsha', false],
      ['yueyang', true],
    ]);
  });

  it('shows the resource indicators of the systems serving the service in its drill-down', async () => {
    const token = await harness.createToken('resource feed');
    const samples = Array.from({ length: 40 }, (_, minute) => [
      {
        time: NOW - (minute + 1) * 60_000,
        system: 'accounting',
        host: 'acc-01',
        metric: 'storage_util',
        value: 85,
      },
      {
        time: NOW - (minute + 1) * 60_000,
        system: 'credit',
        host: 'cre-01',
        metric: 'storage_util',
        value: 60,
      },
    ]).flat();
    const pushed = await harness.app.inject({
      method: 'POST',
      url: '/api/v1/resources/samples',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      payload: JSON.stringify(samples),
    });
    expect(pushed.json()).toMatchObject({ accepted: 80, rejected: [] });
    const drill = await get<ServiceDrill>('/api/v1/scores/services/payment/hall?region=changsha');
    // Payment runs on accounting and credit: the fuller of the two counts.
    const storage = drill.kpis.find((kpi) => kpi.indicatorId === 'storage_util');
    expect(storage).toMatchObject({ layer: 'resource', source: 'resource', value: 85, status: 'ok' });
    expect(storage?.score).toBeGreaterThan(1);
    expect(storage?.score).toBeLessThan(3);
    // Capacity KPIs are shown but do not move the customer score.
    expect(drill.score).toBe(drill.kpis.find((kpi) => kpi.indicatorId === 'txn_failure_rate')?.score);
  });

  it('scores the busy-hour CPU of a system from the busiest clock hour of the day', async () => {
    const token = await harness.createToken('cpu feed');
    const hour = Math.floor(NOW / 3_600_000) * 3_600_000;
    // 03:00 quiet, 04:00 the busy hour (hosts at 80 % and 60 %: 70 % on average), 05:00 until now moderate.
    const cpu = (host: string, time: number, value: number) => ({
      time,
      system: 'accounting',
      host,
      metric: 'cpu_util',
      value,
    });
    const samples = [];
    for (let time = hour - 3 * 3_600_000; time < NOW; time += FIVE_MINUTES) {
      const busy = time >= hour - 2 * 3_600_000 && time < hour - 3_600_000;
      const quiet = time < hour - 2 * 3_600_000;
      samples.push(cpu('acc-01', time, busy ? 80 : quiet ? 40 : 50));
      samples.push(cpu('acc-02', time, busy ? 60 : quiet ? 40 : 50));
    }
    const pushed = await harness.app.inject({
      method: 'POST',
      url: '/api/v1/resources/samples',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      payload: JSON.stringify(samples),
    });
    expect(pushed.json()).toMatchObject({ accepted: samples.length, rejected: [] });
    const drill = await get<ServiceDrill>('/api/v1/scores/services/payment/hall?region=changsha');
    const kpi = (id: string) => drill.kpis.find((entry) => entry.indicatorId === id);
    // The last hour's mean is 50 %; the busy hour's is 70 %, between the good (60) and bad (90) thresholds.
    expect(kpi('cpu_util_busy_hour')).toMatchObject({ layer: 'resource', value: 70, status: 'ok' });
    expect(kpi('cpu_util_busy_hour')?.score).toBeGreaterThan(1);
    expect(kpi('cpu_util_busy_hour')?.score).toBeLessThan(5);
  });

  it('scores external indicators from values other systems report, keeping good records and naming bad ones', async () => {
    const at = NOW - 120_000;
    const response = await harness.app.inject({
      method: 'POST',
      url: '/api/v1/measurements',
      headers: { ...harness.sessionHeaders },
      payload: [
        { time: at, name: 'bills_issued', value: 10_000, business: 'payment' },
        { time: at, name: 'bills_adjusted', value: 5, business: '缴费' },
        { time: at, name: 'bills_lost', value: 1, business: 'payment' },
        { time: at, name: 'bills_issued', value: 1, region: 'atlantis' },
      ],
    });
    expect(response.json()).toEqual({
      accepted: 2,
      rejected: [
        { index: 2, reason: expect.stringContaining('unknown measurement "bills_lost"') as string },
        { index: 3, reason: expect.stringContaining('unknown region "atlantis"') as string },
      ],
    });
    const drill = await get<ServiceDrill>('/api/v1/scores/services/payment/hall?region=changsha');
    const accuracy = drill.kpis.find((kpi) => kpi.indicatorId === 'bill_accuracy_rate');
    // 5 adjusted of 10 000 bills: 99.95 %, between good (99.99) and bad (99.9).
    expect(accuracy).toMatchObject({ source: 'external', layer: 'platform', value: 99.95, status: 'ok' });
    expect(accuracy?.score).toBeGreaterThan(1);
    expect(accuracy?.score).toBeLessThan(5);
    // Nothing was reported for the other external indicators: they stay out of the list.
    expect(drill.kpis.some((kpi) => kpi.indicatorId === 'csat_score')).toBe(false);
  });

  it('ranks businesses slowest first and worst first', async () => {
    const ranking = await get<Ranking>('/api/v1/rankings?by=business&period=hour');
    expect(ranking.slowest.map((entry) => entry.business)).toEqual(['bill_query', 'payment']);
    const [slowest, faster] = ranking.slowest;
    // 1.4 s and 0.8 s transactions: each p95 within 1 % of what was measured.
    expect(Math.abs((slowest?.p95Ms ?? 0) - 1400) / 1400).toBeLessThanOrEqual(0.01);
    expect(Math.abs((faster?.p95Ms ?? 0) - 800) / 800).toBeLessThanOrEqual(0.01);
    expect(ranking.byScore.map((entry) => entry.business)).toEqual(['payment', 'bill_query']);
    expect(ranking.byScore[0]).toMatchObject({ volume: 220, previous: { score: null, rank: null } });
    expect(ranking.byScore[0]?.failureRatio).toBeCloseTo(10 / 220, 6);
  });
});
