import type { BaselineComparison } from '@ganzhi/contracts';
import { LineChart } from 'echarts/charts';
import { LegendComponent } from 'echarts/components';
import { registerChartParts, type ChartOption } from '../../../components/e-chart';
import { formatLatencyMs, formatRatioAsPercent } from '../../../lib/format-latency';
import type { Translate } from '../../../lib/i18n';

/** The chart types and components these options draw with (grid and tooltip are always there). */
const CHART_PARTS = [LineChart, LegendComponent];

const VERSION_COLORS = ['#722ed1', '#13c2c2', '#eb2f96', '#faad14'];

export function formatMetric(metric: BaselineComparison['metric'], value: number | null | undefined): string {
  if (value === null || value === undefined) return '—';
  if (metric === 'failure_ratio') return formatRatioAsPercent(value);
  if (metric === 'volume') return String(Math.round(value));
  return formatLatencyMs(value);
}

/**
 * Current hourly values against the learned band (10th–90th percentile of comparable hours, shaded), the SLA and
 * stored versions as lines. Null when the range holds no data at all.
 */
export function buildBaselineOption(
  comparison: BaselineComparison | undefined,
  t: Translate,
): ChartOption | null {
  registerChartParts(CHART_PARTS);
  if (!comparison || !comparison.current.some((point) => point.value !== null)) return null;
  const at = (time: string) => Date.parse(time);
  const format = (value: unknown) =>
    formatMetric(comparison.metric, typeof value === 'number' ? value : null);
  const bandName = t('baseline.learnedBand');
  const series: NonNullable<ChartOption['series']> = [
    {
      name: bandName,
      type: 'line',
      stack: 'band',
      symbol: 'none',
      lineStyle: { opacity: 0 },
      data: comparison.learned.map((point) => [at(point.time), point.low]),
      tooltip: { show: false },
    },
    {
      name: bandName,
      type: 'line',
      stack: 'band',
      symbol: 'none',
      lineStyle: { opacity: 0 },
      areaStyle: { color: 'rgba(22, 104, 220, 0.15)' },
      data: comparison.learned.map((point) => [at(point.time), point.high - point.low]),
      tooltip: { show: false },
    },
    {
      name: t('baseline.expected'),
      type: 'line',
      symbol: 'none',
      lineStyle: { type: 'dashed', color: '#1668dc' },
      itemStyle: { color: '#1668dc' },
      data: comparison.learned.map((point) => [at(point.time), point.expected]),
    },
    {
      name: t('baseline.current'),
      type: 'line',
      showSymbol: comparison.current.length <= 72,
      lineStyle: { width: 2, color: '#fa541c' },
      itemStyle: { color: '#fa541c' },
      data: comparison.current.map((point) => [at(point.time), point.value]),
    },
  ];
  if (comparison.sla !== null)
    series.push({
      name: t('baseline.sla'),
      type: 'line',
      symbol: 'none',
      lineStyle: { color: '#cf1322', type: 'dotted' },
      itemStyle: { color: '#cf1322' },
      data: [
        [at(comparison.from), comparison.sla],
        [at(comparison.to), comparison.sla],
      ],
    });
  comparison.versions.forEach((version, index) => {
    const color = VERSION_COLORS[index % VERSION_COLORS.length];
    series.push({
      name: version.name,
      type: 'line',
      symbol: 'none',
      step: version.kind === 'static' ? 'end' : false,
      lineStyle: { color, type: 'dashed' },
      itemStyle: { color },
      data: version.points.map((point) => [at(point.time), point.expected]),
    });
  });
  return {
    tooltip: { trigger: 'axis', valueFormatter: format },
    legend: {
      top: 0,
      data: [
        bandName,
        t('baseline.expected'),
        t('baseline.current'),
        ...(comparison.sla !== null ? [t('baseline.sla')] : []),
        ...comparison.versions.map((version) => version.name),
      ],
    },
    grid: { left: 72, right: 16, top: 40, bottom: 28 },
    xAxis: {
      type: 'time',
      min: at(comparison.from),
      max: at(comparison.to),
      axisLabel: { hideOverlap: true },
    },
    yAxis: { type: 'value', min: 0, axisLabel: { formatter: (value: number) => format(value) } },
    series,
  };
}
