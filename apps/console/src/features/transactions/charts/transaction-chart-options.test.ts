import type { TransactionSeries } from '@ganzhi/contracts';
import { describe, expect, it } from 'vitest';
import { translate } from '../../../lib/i18n';
import {
  axisLatency,
  axisPercent,
  buildFailureOption,
  buildTierOption,
  buildVolumeOption,
  chartedGroups,
  legendLayoutOf,
} from './transaction-chart-options';

const t = (key: Parameters<typeof translate>[1], params?: Parameters<typeof translate>[2]) =>
  translate('en', key, params);
const names = { nameOf: (key: string) => key.toUpperCase() };
const totals = (count: number, failures: number) => ({
  count,
  failures,
  p50Ms: 500,
  p95Ms: 1500,
  p99Ms: 3000,
  tiers: { fast: count, slow: 0, sluggish: 0, verySlow: 0 },
});
const point = (
  t: string,
  [count, failures]: [number, number],
  tiers = { fast: count, slow: 0, sluggish: 0, verySlow: 0 },
) => ({
  t,
  count,
  failures,
  p50Ms: 500,
  p95Ms: 1500,
  p99Ms: 3000,
  tiers,
});

const series: TransactionSeries = {
  resolution: 'minute',
  from: '2026-11-30T06:00:00.000Z',
  to: '2026-11-30T06:02:00.000Z',
  groupBy: 'channel',
  totals: totals(40, 3),
  groups: [
    { key: 'ivr', totals: totals(10, 1), points: [point('2026-11-30T06:00:00.000Z', [10, 1])] },
    {
      key: 'hall',
      totals: totals(30, 2),
      points: [
        point('2026-11-30T06:00:00.000Z', [20, 2], { fast: 10, slow: 6, sluggish: 2, verySlow: 2 }),
        point('2026-11-30T06:01:00.000Z', [10, 0]),
      ],
    },
    { key: 'app', totals: totals(0, 0), points: [] },
  ],
};

describe('transaction charts', () => {
  it('charts the groups with data, largest first', () => {
    expect(chartedGroups(series).map((group) => group.key)).toEqual(['hall', 'ivr']);
  });

  it('stacks volume per group and draws failure ratios from counts', () => {
    const volume = buildVolumeOption(series, names)?.series as {
      name: string;
      stack: string;
      data: number[][];
    }[];
    expect(volume.map((entry) => [entry.name, entry.stack])).toEqual([
      ['HALL', 'volume'],
      ['IVR', 'volume'],
    ]);
    const failure = buildFailureOption(series, names, t)?.series as { data: (number | null)[][] }[];
    expect(failure[0]?.data.map((entry) => entry[1])).toEqual([0.1, 0]);
  });

  it('gives tier shares per bucket summed over groups, adding up to 1', () => {
    const tiers = buildTierOption(series, t)?.series as { data: (number | null)[][] }[];
    const first = tiers.map((entry) => entry.data[0]?.[1] ?? 0);
    expect(first).toEqual([20 / 30, 6 / 30, 2 / 30, 2 / 30]);
    expect(first.reduce((sum, share) => sum + share, 0)).toBeCloseTo(1, 10);
  });

  it('draws nothing without transactions', () => {
    expect(buildVolumeOption({ ...series, totals: totals(0, 0) }, names)).toBeNull();
    expect(buildTierOption(undefined, t)).toBeNull();
  });

  it('wraps a legend of up to six groups onto a second line, and scrolls a longer one', () => {
    expect(legendLayoutOf(1)).toEqual({ isScrolled: false, gridTopPx: 36 });
    expect(legendLayoutOf(6)).toEqual({ isScrolled: false, gridTopPx: 60 });
    expect(legendLayoutOf(10)).toEqual({ isScrolled: true, gridTopPx: 36 });
  });

  it('labels axes without trailing zeros', () => {
    expect([0, 500, 2000, 12_000, 2450].map(axisLatency)).toEqual(['0', '500 ms', '2 s', '12 s', '2.5 s']);
    expect([0, 0.015, 0.1].map(axisPercent)).toEqual(['0 %', '1.5 %', '10 %']);
  });
});
