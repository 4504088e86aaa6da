import type { TransactionGroup, TransactionSeries } from '@ganzhi/contracts';
import type { LineSeriesOption } from 'echarts/charts';
import type { ChartOption } from '../../../components/e-chart';
import { formatLatencyMs, formatRatioAsPercent } from '../../../lib/format-latency';
import type { Translate } from '../../../lib/i18n';
import { TIERS } from '../../checks';

const PALETTE = [
  '#1668dc',
  '#fa8c16',
  '#13c2c2',
  '#eb2f96',
  '#722ed1',
  '#52c41a',
  '#faad14',
  '#2f54eb',
  '#a0d911',
  '#f5222d',
];

export interface GroupNames {
  readonly nameOf: (key: string) => string;
}

/** Groups with data, largest first, at most `limit` (the rest would only crowd the legend). */
export function chartedGroups(series: TransactionSeries, limit = 10): TransactionGroup[] {
  return [...series.groups]
    .filter((group) => group.totals.count > 0)
    .sort((a, b) => b.totals.count - a.totals.count)
    .slice(0, limit);
}

function timeAxis(series: TransactionSeries) {
  return {
    type: 'time' as const,
    min: Date.parse(series.from),
    max: Date.parse(series.to),
    axisLabel: { hideOverlap: true },
  };
}

function lines(
  series: TransactionSeries,
  names: GroupNames,
  pick: (point: TransactionGroup['points'][number]) => number | null,
): LineSeriesOption[] {
  return chartedGroups(series).map((group, index) => ({
    name: names.nameOf(group.key),
    type: 'line' as const,
    showSymbol: false,
    connectNulls: false,
    itemStyle: { color: PALETTE[index % PALETTE.length] },
    data: group.points.map((point) => [Date.parse(point.t), point.count > 0 ? pick(point) : null]),
  }));
}

const base = (series: TransactionSeries, names: GroupNames) => ({
  legend: {
    top: 0,
    type: 'scroll' as const,
    data: chartedGroups(series).map((group) => names.nameOf(group.key)),
  },
  grid: { left: 64, right: 16, top: 36, bottom: 28 },
  xAxis: timeAxis(series),
});

/** Transactions per bucket, stacked per compared group. Null without any. */
export function buildVolumeOption(
  series: TransactionSeries | undefined,
  names: GroupNames,
): ChartOption | null {
  if (!series || series.totals.count === 0) return null;
  return {
    ...base(series, names),
    tooltip: { trigger: 'axis' },
    yAxis: { type: 'value', min: 0, minInterval: 1 },
    series: chartedGroups(series).map((group, index) => ({
      name: names.nameOf(group.key),
      type: 'bar' as const,
      stack: 'volume',
      barMaxWidth: 12,
      itemStyle: { color: PALETTE[index % PALETTE.length] },
      data: group.points.map((point) => [Date.parse(point.t), point.count]),
    })),
  };
}

/** Failure ratio per group, against the seed tiers (1 % good, 10 % bad) as dashed lines. */
export function buildFailureOption(
  series: TransactionSeries | undefined,
  names: GroupNames,
  t: Translate,
): ChartOption | null {
  if (!series || series.totals.count === 0) return null;
  const groups = lines(series, names, (point) => point.failures / point.count);
  const first = groups[0];
  if (first)
    Object.assign(first, {
      markLine: {
        silent: true,
        symbol: 'none',
        label: { position: 'insideEndTop' },
        data: [
          {
            yAxis: 0.01,
            lineStyle: { color: '#389e0d', type: 'dashed' },
            label: { formatter: t('transactions.goodTier') },
          },
          {
            yAxis: 0.1,
            lineStyle: { color: '#cf1322', type: 'dashed' },
            label: { formatter: t('transactions.badTier') },
          },
        ],
      },
    });
  return {
    ...base(series, names),
    tooltip: {
      trigger: 'axis',
      valueFormatter: (value: unknown) => formatRatioAsPercent(typeof value === 'number' ? value : null),
    },
    yAxis: {
      type: 'value',
      min: 0,
      axisLabel: { formatter: (value: number) => formatRatioAsPercent(value) },
    },
    series: groups,
  };
}

/** p95 latency per group. */
export function buildLatencyOption(
  series: TransactionSeries | undefined,
  names: GroupNames,
): ChartOption | null {
  if (!series || series.totals.count === 0) return null;
  return {
    ...base(series, names),
    tooltip: {
      trigger: 'axis',
      valueFormatter: (value: unknown) => formatLatencyMs(typeof value === 'number' ? value : null),
    },
    yAxis: { type: 'value', min: 0, axisLabel: { formatter: (value: number) => formatLatencyMs(value) } },
    series: lines(series, names, (point) => point.p95Ms),
  };
}

/** Shares of the response tiers (< 2 s, 2–5 s, 5–10 s, > 10 s) over time, stacked to 100 %, for all groups together. */
export function buildTierOption(series: TransactionSeries | undefined, t: Translate): ChartOption | null {
  if (!series || series.totals.count === 0) return null;
  const buckets = new Map<
    number,
    { fast: number; slow: number; sluggish: number; verySlow: number; count: number }
  >();
  for (const group of series.groups)
    for (const point of group.points) {
      const time = Date.parse(point.t);
      const entry = buckets.get(time) ?? { fast: 0, slow: 0, sluggish: 0, verySlow: 0, count: 0 };
      entry.fast += point.tiers.fast;
      entry.slow += point.tiers.slow;
      entry.sluggish += point.tiers.sluggish;
      entry.verySlow += point.tiers.verySlow;
      entry.count += point.count;
      buckets.set(time, entry);
    }
  const times = [...buckets.keys()].sort((a, b) => a - b);
  return {
    legend: { top: 0, data: TIERS.map(({ label }) => t(label)) },
    grid: { left: 56, right: 16, top: 36, bottom: 28 },
    tooltip: {
      trigger: 'axis',
      valueFormatter: (value: unknown) => formatRatioAsPercent(typeof value === 'number' ? value : null),
    },
    xAxis: timeAxis(series),
    yAxis: {
      type: 'value',
      min: 0,
      max: 1,
      axisLabel: { formatter: (value: number) => `${Math.round(value * 100)} %` },
    },
    series: TIERS.map(({ tier, label, color }) => ({
      name: t(label),
      type: 'line' as const,
      stack: 'tiers',
      symbol: 'none',
      areaStyle: { color },
      lineStyle: { width: 0 },
      itemStyle: { color },
      data: times.map((time) => {
        const entry = buckets.get(time);
        return [time, entry && entry.count > 0 ? entry[tier] / entry.count : null];
      }),
    })),
  };
}
