import type { SystemCapacity } from '@ganzhi/contracts';
import { BarChart, LineChart } from 'echarts/charts';
import { LegendComponent, MarkLineComponent } from 'echarts/components';
import { registerChartParts, type ChartOption } from '../../../components/e-chart';
import type { Translate } from '../../../lib/i18n';
import {
  CAPACITY_BAND_COLORS,
  bandOfCapabilityIndex,
  bandOfRunningIndex,
  formatSignedIndex,
} from '../capacity-bands';

/** The chart types and components these options draw with (grid and tooltip are always there). */
const CHART_PARTS = [BarChart, LineChart, LegendComponent, MarkLineComponent];

/** Running index (left) and capability index (right) per system as bars coloured by band; null without systems. */
export function buildIndexBarsOption(
  systems: readonly SystemCapacity[],
  labels: { readonly names: readonly string[]; readonly t: Translate },
): ChartOption | null {
  registerChartParts(CHART_PARTS);
  if (systems.length === 0) return null;
  const { t, names } = labels;
  return {
    tooltip: { trigger: 'axis' },
    grid: [
      { left: 110, right: '55%', top: 12, bottom: 48 },
      { left: '55%', right: 72, top: 12, bottom: 48 },
    ],
    xAxis: [
      {
        type: 'value',
        gridIndex: 0,
        min: 0,
        max: 1,
        name: t('capacity.runningIndex'),
        nameLocation: 'middle',
        nameGap: 28,
      },
      {
        type: 'value',
        gridIndex: 1,
        name: t('capacity.capabilityIndex'),
        nameLocation: 'middle',
        nameGap: 28,
        axisLabel: { formatter: (value: number) => formatSignedIndex(value) },
      },
    ],
    yAxis: [
      { type: 'category', gridIndex: 0, data: [...names], inverse: true },
      { type: 'category', gridIndex: 1, data: [...names], inverse: true, axisLabel: { show: false } },
    ],
    series: [
      {
        name: t('capacity.runningIndex'),
        type: 'bar',
        xAxisIndex: 0,
        yAxisIndex: 0,
        barMaxWidth: 18,
        data: systems.map((system) => ({
          value: system.runningIndex?.index ?? null,
          itemStyle: { color: CAPACITY_BAND_COLORS[bandOfRunningIndex(system.runningIndex?.index)] },
        })),
        label: {
          show: true,
          position: 'right',
          formatter: (params: unknown) => Number((params as { value: number }).value).toFixed(2),
        },
      },
      {
        name: t('capacity.capabilityIndex'),
        type: 'bar',
        xAxisIndex: 1,
        yAxisIndex: 1,
        barMaxWidth: 18,
        data: systems.map((system) => ({
          value: system.capabilityIndex,
          itemStyle: { color: CAPACITY_BAND_COLORS[bandOfCapabilityIndex(system.capabilityIndex)] },
        })),
        label: {
          show: true,
          position: 'right',
          formatter: (params: unknown) => formatSignedIndex((params as { value: number }).value),
        },
      },
    ],
  };
}

/** The busiest day's daytime CPU (mean and max per 5 minutes) against the threshold; null without a busiest day. */
export function buildCpuProfileOption(system: SystemCapacity, t: Translate): ChartOption | null {
  registerChartParts(CHART_PARTS);
  const profile = system.busiestDayProfile;
  if (!profile || profile.points.length === 0) return null;
  const at = (point: { t: string }) => Date.parse(point.t);
  return {
    tooltip: {
      trigger: 'axis',
      valueFormatter: (value: unknown) => (typeof value === 'number' ? `${value.toFixed(1)} %` : '—'),
    },
    legend: { top: 0, data: [t('capacity.cpuMean'), t('capacity.cpuMax')] },
    grid: { left: 48, right: 16, top: 32, bottom: 28 },
    xAxis: { type: 'time', axisLabel: { hideOverlap: true } },
    yAxis: { type: 'value', min: 0, max: 100, axisLabel: { formatter: '{value} %' } },
    series: [
      {
        name: t('capacity.cpuMean'),
        type: 'line',
        symbol: 'none',
        areaStyle: { opacity: 0.15 },
        lineStyle: { color: '#1668dc' },
        itemStyle: { color: '#1668dc' },
        data: profile.points.map((point) => [at(point), point.meanPercent]),
        markLine: {
          silent: true,
          symbol: 'none',
          lineStyle: { color: '#cf1322', type: 'dashed' },
          label: {
            formatter: t('capacity.threshold', { value: system.settings.cpuThresholdPercent }),
            position: 'insideEndTop',
          },
          data: [{ yAxis: system.settings.cpuThresholdPercent }],
        },
      },
      {
        name: t('capacity.cpuMax'),
        type: 'line',
        symbol: 'none',
        lineStyle: { color: '#fa8c16', width: 1 },
        itemStyle: { color: '#fa8c16' },
        data: profile.points.map((point) => [at(point), point.maxPercent]),
      },
    ],
  };
}
