import type { BaselineComparison } from '@ganzhi/contracts';
import { describe, expect, it } from 'vitest';
import { translate } from '../../../lib/i18n';
import { buildBaselineOption, formatMetric } from './baseline-option';

const t = (key: Parameters<typeof translate>[1], params?: Parameters<typeof translate>[2]) =>
  translate('en', key, params);

const comparison = (values: (number | null)[]): BaselineComparison => ({
  business: 'payment',
  channel: 'hall',
  region: 'changsha',
  metric: 'p95_ms',
  from: '2026-11-30T00:00:00.000Z',
  to: '2026-11-30T02:00:00.000Z',
  current: values.map((value, index) => ({ time: `2026-11-30T0${index}:00:00.000Z`, value, samples: 5 })),
  learned: [{ time: '2026-11-30T00:00:00.000Z', expected: 700, low: 600, high: 900 }],
  sla: 3000,
  versions: [
    {
      id: 'v1',
      name: 'October',
      kind: 'version',
      points: [{ time: '2026-11-30T00:00:00.000Z', expected: 650 }],
    },
  ],
  deviation: { time: '2026-11-30T01:00:00.000Z', ratio: 1.2, flagged: false, maxRatio: 1.5 },
});

describe('baseline chart option', () => {
  it('stacks the learned band as low + (high − low) and draws current, SLA and versions as lines', () => {
    const option = buildBaselineOption(comparison([800, 1200]), t);
    const series = option?.series as { name: string; data: number[][] }[];
    expect(series.map((entry) => entry.name)).toEqual([
      'Learned baseline (P10–P90)',
      'Learned baseline (P10–P90)',
      'Baseline median',
      'Current',
      'SLA',
      'October',
    ]);
    expect(series[0]?.data[0]?.[1]).toBe(600);
    expect(series[1]?.data[0]?.[1]).toBe(300);
    expect(series[4]?.data.map((point) => point[1])).toEqual([3000, 3000]);
  });

  it('draws nothing when the range has no data', () => {
    expect(buildBaselineOption(comparison([null, null]), t)).toBeNull();
  });

  it('formats each metric in its unit', () => {
    expect(formatMetric('failure_ratio', 0.0123)).toBe('1.23 %');
    expect(formatMetric('p95_ms', 2345)).toBe('2.35 s');
    expect(formatMetric('volume', 12.4)).toBe('12');
  });
});
