import type { CheckSeries } from '@ganzhi/contracts';
import { BarChart, LineChart } from 'echarts/charts';
import { LegendComponent } from 'echarts/components';
import { registerChartParts, type ChartOption } from '../../../components/e-chart';
import { formatLatencyMs } from '../../../lib/format-latency';
import type { Translate } from '../../../lib/i18n';

/** The chart types and components these options draw with (grid and tooltip are always there). */
const CHART_PARTS = [BarChart, LineChart, LegendComponent];

/** Beyond this many points the line reads better without a dot per point. */
const MAX_POINTS_WITH_SYMBOLS = 60;

function formatTooltipLatency(value: unknown): string {
  return typeof value === 'number' ? formatLatencyMs(value) : '—';
}

/**
 * p50/p95 latency lines with failures as bars on a second axis, over the whole requested window.
 * Null when no run fell in the window, so the caller shows "no data yet" instead of empty axes.
 */
export function buildLatencyChartOption(series: CheckSeries | undefined, t: Translate): ChartOption | null {
  registerChartParts(CHART_PARTS);
  const points = series?.points.filter((point) => point.count > 0) ?? [];
  if (!series || points.length === 0) return null;
  const failuresName = t('detail.chart.failures');
  const showSymbol = points.length <= MAX_POINTS_WITH_SYMBOLS;
  const line = (name: string, pick: (point: (typeof points)[number]) => number | null) => ({
    name,
    type: 'line' as const,
    showSymbol,
    symbolSize: 5,
    data: points.map((point) => [Date.parse(point.t), pick(point)]),
    tooltip: { valueFormatter: formatTooltipLatency },
  });
  return {
    tooltip: { trigger: 'axis' },
    legend: { top: 0, data: ['P50', 'P95', failuresName] },
    grid: { left: 64, right: 48, top: 40, bottom: 28 },
    xAxis: {
      type: 'time',
      min: Date.parse(series.from),
      max: Date.parse(series.to),
      splitNumber: 6,
      axisLabel: { hideOverlap: true },
    },
    yAxis: [
      {
        type: 'value',
        min: 0,
        minInterval: 1,
        axisLabel: { formatter: (value: number) => formatLatencyMs(value) },
      },
      { type: 'value', min: 0, minInterval: 1, splitLine: { show: false }, axisLabel: { color: '#cf1322' } },
    ],
    series: [
      { ...line('P50', (point) => point.p50Ms), itemStyle: { color: '#1668dc' } },
      { ...line('P95', (point) => point.p95Ms), itemStyle: { color: '#fa8c16' } },
      {
        name: failuresName,
        type: 'bar',
        yAxisIndex: 1,
        barMaxWidth: 8,
        // Translucent, so the latency points of the same bucket stay visible through the bar.
        itemStyle: { color: '#ff4d4f', opacity: 0.5 },
        data: points.map((point) => [Date.parse(point.t), point.failures]),
      },
    ],
  };
}
