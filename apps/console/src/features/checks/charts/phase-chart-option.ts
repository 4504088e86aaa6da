import type { Run } from '@ganzhi/contracts';
import dayjs from 'dayjs';
import { BarChart } from 'echarts/charts';
import { LegendComponent } from 'echarts/components';
import { registerChartParts, type ChartOption } from '../../../components/e-chart';
import { formatLatencyMs } from '../../../lib/format-latency';
import type { MessageKey, Translate } from '../../../lib/i18n';
import { phaseTotalsOf, type Phase } from '../run-facts';

/** The chart types and components these options draw with (grid and tooltip are always there). */
const CHART_PARTS = [BarChart, LegendComponent];

/** Request phases in the order they happen. */
const PHASE_STYLES: readonly { phase: Phase; label: MessageKey; color: string }[] = [
  { phase: 'dnsMs', label: 'phase.dns', color: '#69b1ff' },
  { phase: 'connectMs', label: 'phase.connect', color: '#5cdbd3' },
  { phase: 'tlsMs', label: 'phase.tls', color: '#b37feb' },
  { phase: 'firstByteMs', label: 'phase.firstByte', color: '#ffc53d' },
  { phase: 'downloadMs', label: 'phase.download', color: '#ff9c6e' },
];

/** How many of the newest runs the phase chart shows. */
export const PHASE_CHART_RUNS = 15;

function formatTooltipLatency(value: unknown): string {
  return typeof value === 'number' ? formatLatencyMs(value) : '—';
}

/**
 * One stacked horizontal bar per recent run (newest on top) split into DNS, connect, TLS, first byte and
 * download, so a slow phase stands out. Failed runs are marked ✗. Null while there are no runs.
 */
export function buildPhaseChartOption(runs: readonly Run[] | undefined, t: Translate): ChartOption | null {
  registerChartParts(CHART_PARTS);
  const recent = (runs ?? []).slice(0, PHASE_CHART_RUNS);
  if (recent.length === 0) return null;
  const totals = recent.map(phaseTotalsOf);
  return {
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    legend: { top: 0 },
    grid: { left: 112, right: 24, top: 36, bottom: 28 },
    // Whole milliseconds: sub-millisecond ticks would all read "0 ms".
    xAxis: {
      type: 'value',
      minInterval: 1,
      axisLabel: { formatter: (value: number) => formatLatencyMs(value) },
    },
    yAxis: {
      type: 'category',
      inverse: true,
      data: recent.map((run) => `${run.ok ? '' : '✗ '}${dayjs(run.startedAt).format('MM-DD HH:mm:ss')}`),
    },
    series: PHASE_STYLES.map(({ phase, label, color }) => ({
      name: t(label),
      type: 'bar' as const,
      stack: 'phases',
      barMaxWidth: 14,
      itemStyle: { color },
      tooltip: { valueFormatter: formatTooltipLatency },
      data: totals.map((total) => total[phase]),
    })),
  };
}
