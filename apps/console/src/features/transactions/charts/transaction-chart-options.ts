import type { TransactionGroup, TransactionSeries } from '@ganzhi/contracts';
import { BarChart, LineChart, type LineSeriesOption } from 'echarts/charts';
import { LegendComponent, MarkLineComponent } from 'echarts/components';
import { registerChartParts, type ChartOption } from '../../../components/e-chart';
import { formatLatencyMs, formatRatioAsPercent } from '../../../lib/format-latency';
import type { Translate } from '../../../lib/i18n';
import { TIERS } from '../../checks';

/** The chart types and components these options draw with (grid and tooltip are always there). */
const CHART_PARTS = [BarChart, LineChart, LegendComponent, MarkLineComponent];

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

/** Up to this many groups the legend wraps onto a second line instead of hiding some behind scroll arrows. */
const WRAPPED_LEGEND_MAX = 6;

/**
 * Legend and plot area for `count` groups. A half-width chart fits about three names per line in either language,
 * so four to six groups get a second legend line (and the plot moves down); more scroll on one line.
 */
export function legendLayoutOf(count: number): { isScrolled: boolean; gridTopPx: number } {
  if (count > WRAPPED_LEGEND_MAX) return { isScrolled: true, gridTopPx: 36 };
  return { isScrolled: false, gridTopPx: count > 3 ? 60 : 36 };
}

const base = (series: TransactionSeries, names: GroupNames) => {
  const groups = chartedGroups(series);
  const layout = legendLayoutOf(groups.length);
  return {
    legend: {
      top: 0,
      type: layout.isScrolled ? ('scroll' as const) : ('plain' as const),
      data: groups.map((group) => names.nameOf(group.key)),
    },
    grid: { left: 64, right: 16, top: layout.gridTopPx, bottom: 28 },
    xAxis: timeAxis(series),
  };
};

/**
 * An axis latency: whole seconds read better than "12.0 s" next to "8.00 s".
 * @example axisLatency(2500) // "2.5 s"
 */
export function axisLatency(latencyMs: number): string {
  if (latencyMs === 0) return '0';
  if (latencyMs < 1000) return `${Math.round(latencyMs)} ms`;
  return `${Math.round(latencyMs / 100) / 10} s`;
}

/**
 * An axis ratio as a percent without trailing zeros.
 * @example axisPercent(0.015) // "1.5 %"
 */
export function axisPercent(ratio: number): string {
  return `${Math.round(ratio * 10_000) / 100} %`;
}

/** Transactions per bucket, stacked per compared group. Null without any. */
export function buildVolumeOption(
  series: TransactionSeries | undefined,
  names: GroupNames,
): ChartOption | null {
  registerChartParts(CHART_PARTS);
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
  registerChartParts(CHART_PARTS);
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
      axisLabel: { formatter: axisPercent },
    },
    series: groups,
  };
}

/** p95 latency per group. */
export function buildLatencyOption(
  series: TransactionSeries | undefined,
  names: GroupNames,
): ChartOption | null {
  registerChartParts(CHART_PARTS);
  if (!series || series.totals.count === 0) return null;
  return {
    ...base(series, names),
    tooltip: {
      trigger: 'axis',
      valueFormatter: (value: unknown) => formatLatencyMs(typeof value === 'number' ? value : null),
    },
    yAxis: { type: 'value', min: 0, axisLabel: { formatter: axisLatency } },
    series: lines(series, names, (point) => point.p95Ms),
  };
}

/** Shares of the response tiers (< 2 s, 2–5 s, 5–10 s, > 10 s) over time, stacked to 100 %, for all groups together. */
export function buildTierOption(series: TransactionSeries | undefined, t: Translate): ChartOption | null {
  registerChartParts(CHART_PARTS);
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
