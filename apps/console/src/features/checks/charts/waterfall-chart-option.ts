import type { StepResult } from '@ganzhi/contracts';
import { BarChart } from 'echarts/charts';
import { LegendComponent } from 'echarts/components';
import { registerChartParts, type ChartOption } from '../../../components/e-chart';
import { formatLatencyMs } from '../../../lib/format-latency';
import type { MessageKey, Translate } from '../../../lib/i18n';
import { PHASES, type Phase } from '../run-facts';

/** The chart types and components these options draw with (grid and tooltip are always there). */
const CHART_PARTS = [BarChart, LegendComponent];

/** Phase colours as in the phase chart; a failed step's segments use reds of the same order instead. */
const PHASE_STYLES: readonly { phase: Phase; label: MessageKey; color: string; failedColor: string }[] = [
  { phase: 'dnsMs', label: 'phase.dns', color: '#69b1ff', failedColor: '#ffccc7' },
  { phase: 'connectMs', label: 'phase.connect', color: '#5cdbd3', failedColor: '#ffa39e' },
  { phase: 'tlsMs', label: 'phase.tls', color: '#b37feb', failedColor: '#ff7875' },
  { phase: 'firstByteMs', label: 'phase.firstByte', color: '#ffc53d', failedColor: '#ff4d4f' },
  { phase: 'downloadMs', label: 'phase.download', color: '#ff9c6e', failedColor: '#f5222d' },
];
const OTHER_COLOR = '#8c8c8c';
const FAILED_OTHER_COLOR = '#cf1322';
const OK_LABEL_COLOR = '#389e0d';
const FAILED_LABEL_COLOR = '#cf1322';

/** One row of the waterfall: where the step starts in the flow and how its time splits. */
export interface WaterfallRow {
  readonly label: string;
  readonly ok: boolean;
  readonly offsetMs: number;
  readonly phases: Readonly<Record<Phase, number>>;
  /** Time not covered by a phase: the whole bar for kinds without phases (browser, DNS, wait …). */
  readonly otherMs: number;
  readonly totalMs: number;
}

/**
 * Rows of the waterfall, one per step that ran. A step's offset is its start relative to the flow's start;
 * phases that did not happen count as zero, and a clock skew below zero is clamped.
 */
export function buildWaterfallRows(steps: readonly StepResult[], flowStartedAt: string): WaterfallRow[] {
  const flowStartMs = Date.parse(flowStartedAt);
  return steps.map((step) => {
    const phases = Object.fromEntries(
      PHASES.map((phase) => [phase, Math.max(0, step.timings[phase] ?? 0)]),
    ) as Record<Phase, number>;
    const phaseSumMs = PHASES.reduce((sum, phase) => sum + phases[phase], 0);
    const offsetMs = Date.parse(step.startedAt) - flowStartMs;
    return {
      label: `${step.index + 1}. ${step.name}`,
      ok: step.ok,
      offsetMs: Number.isFinite(offsetMs) ? Math.max(0, offsetMs) : 0,
      phases,
      otherMs: Math.max(0, step.timings.totalMs - phaseSumMs),
      totalMs: step.timings.totalMs,
    };
  });
}

/** Tooltip text is HTML in ECharts; step names come from users. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);
}

function dataIndexOf(params: unknown): number {
  const first: unknown = Array.isArray(params) ? params[0] : params;
  const index: unknown =
    first !== null && typeof first === 'object' ? Reflect.get(first, 'dataIndex') : undefined;
  return typeof index === 'number' ? index : -1;
}

function tooltipOf(row: WaterfallRow | undefined, t: Translate): string {
  if (!row) return '';
  const lines = [
    `<b>${escapeHtml(row.label)}</b> ${row.ok ? '' : `<span style="color:${FAILED_LABEL_COLOR}">${escapeHtml(t('runs.failed'))}</span>`}`,
    `${escapeHtml(t('waterfall.start'))}: +${formatLatencyMs(row.offsetMs)}`,
    ...PHASE_STYLES.filter(({ phase }) => row.phases[phase] > 0).map(
      ({ phase, label }) => `${escapeHtml(t(label))}: ${formatLatencyMs(row.phases[phase])}`,
    ),
    ...(row.otherMs > 0 ? [`${escapeHtml(t('waterfall.other'))}: ${formatLatencyMs(row.otherMs)}`] : []),
    `${escapeHtml(t('runs.col.total'))}: ${formatLatencyMs(row.totalMs)}`,
  ];
  return lines.join('<br/>');
}

/**
 * A flow's waterfall: one horizontal bar per step, shifted right by when the step started, split into DNS,
 * connect, TLS, first byte and download (or one bar for kinds without phases). The failed step is red and its
 * label marked ✗; passed steps are labelled ✓ in green. Null when no step ran.
 */
export function buildWaterfallChartOption(
  steps: readonly StepResult[],
  flowStartedAt: string,
  t: Translate,
): ChartOption | null {
  registerChartParts(CHART_PARTS);
  const rows = buildWaterfallRows(steps, flowStartedAt);
  if (rows.length === 0) return null;
  const segment = (value: number, row: WaterfallRow, colors: { ok: string; failed: string }) => ({
    value,
    itemStyle: { color: row.ok ? colors.ok : colors.failed },
  });
  return {
    tooltip: {
      trigger: 'axis',
      axisPointer: { type: 'shadow' },
      formatter: (params: unknown) => tooltipOf(rows[dataIndexOf(params)], t),
    },
    legend: { top: 0, data: [...PHASE_STYLES.map(({ label }) => t(label)), t('waterfall.other')] },
    grid: { left: 180, right: 72, top: 36, bottom: 28 },
    xAxis: {
      type: 'value',
      minInterval: 1,
      axisLabel: { formatter: (value: number) => formatLatencyMs(value) },
    },
    yAxis: {
      type: 'category',
      inverse: true,
      // Braces would end ECharts' rich-text markup early; step names may contain them.
      data: rows.map((row) => {
        const label = row.label.replace(/[{}]/g, ' ');
        return row.ok ? `{ok|✓ ${label}}` : `{failed|✗ ${label}}`;
      }),
      axisLabel: {
        width: 170,
        overflow: 'truncate',
        rich: { ok: { color: OK_LABEL_COLOR }, failed: { color: FAILED_LABEL_COLOR, fontWeight: 'bold' } },
      },
    },
    series: [
      {
        name: 'offset',
        type: 'bar',
        stack: 'flow',
        silent: true,
        barMaxWidth: 18,
        itemStyle: { color: 'transparent' },
        data: rows.map((row) => row.offsetMs),
      },
      ...PHASE_STYLES.map(({ phase, label, color, failedColor }) => ({
        name: t(label),
        type: 'bar' as const,
        stack: 'flow',
        barMaxWidth: 18,
        itemStyle: { color },
        data: rows.map((row) => segment(row.phases[phase], row, { ok: color, failed: failedColor })),
      })),
      {
        name: t('waterfall.other'),
        type: 'bar',
        stack: 'flow',
        barMaxWidth: 18,
        itemStyle: { color: OTHER_COLOR },
        label: {
          show: true,
          position: 'right',
          formatter: (params: unknown) => formatLatencyMs(rows[dataIndexOf(params)]?.totalMs),
        },
        data: rows.map((row) => segment(row.otherMs, row, { ok: OTHER_COLOR, failed: FAILED_OTHER_COLOR })),
      },
    ],
  };
}
