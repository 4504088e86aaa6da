import { describe, expect, it } from 'vitest';
import type { CheckSeries } from '@ganzhi/contracts';
import { translate } from '../../../lib/i18n';
import { buildLatencyChartOption } from './latency-chart-option';

const t = translate.bind(null, 'en');
const empty: CheckSeries = {
  resolution: 'minute',
  from: '2025-03-31T11:00:00.000Z',
  to: '2025-03-31T12:00:00.000Z',
  points: [
    {
      t: '2025-03-31T11:00:00.000Z',
      count: 0,
      failures: 0,
      p50Ms: null,
      p95Ms: null,
      p99Ms: null,
      meanMs: null,
    },
  ],
  total: {
    count: 0,
    failures: 0,
    p50Ms: null,
    p95Ms: null,
    tiers: { fast: 0, slow: 0, sluggish: 0, verySlow: 0 },
  },
};

describe('buildLatencyChartOption', () => {
  it('has no chart before the first run, so the panel shows "no data yet"', () => {
    expect(buildLatencyChartOption(undefined, t)).toBeNull();
    expect(buildLatencyChartOption(empty, t)).toBeNull();
  });

  it('draws p50, p95 and failures for buckets with runs', () => {
    const series: CheckSeries = {
      ...empty,
      points: [
        ...empty.points,
        {
          t: '2025-03-31T11:01:00.000Z',
          count: 6,
          failures: 1,
          p50Ms: 120,
          p95Ms: 480,
          p99Ms: 500,
          meanMs: 150,
        },
      ],
    };
    const option = buildLatencyChartOption(series, t);
    const at = Date.parse('2025-03-31T11:01:00.000Z');
    expect(option?.series).toMatchObject([{ data: [[at, 120]] }, { data: [[at, 480]] }, { data: [[at, 1]] }]);
  });
});
