import type { ScoreEntry } from '@ganzhi/contracts';
import { HeatmapChart } from 'echarts/charts';
import { VisualMapPiecewiseComponent } from 'echarts/components';
import { registerChartParts, type ChartOption } from '../../../components/e-chart';
import type { Translate } from '../../../lib/i18n';
import { SCORE_BAND_COLORS, formatScore } from '../score-band';

/** The chart types and components these options draw with (grid and tooltip are always there). */
const CHART_PARTS = [HeatmapChart, VisualMapPiecewiseComponent];

export interface HeatmapAxis {
  readonly code: string;
  readonly label: string;
}

/** The code pair a heat-map cell stands for, encoded in its data name for click handling. */
export function cellName(channel: string, region: string): string {
  return `${channel}|${region}`;
}

export function parseCellName(name: string): { channel: string; region: string } | null {
  const [channel, region] = name.split('|');
  return channel && region ? { channel, region } : null;
}

/**
 * The channel × region heat map: one cell per pair with a score, coloured by band (grey where the data were too few
 * to score). Null when nothing has been scored yet.
 */
/** The plot's bottom margin, px (e2e/src/quality.e2e.test.ts clicks a cell by the plot's margins). */
const HEATMAP_GRID_BOTTOM_PX = 92;

export function buildHeatmapOption(
  cells: readonly ScoreEntry[],
  axes: {
    readonly channels: readonly HeatmapAxis[];
    readonly regions: readonly HeatmapAxis[];
    /** The fewest samples any KPI needs to be scored, to say why a cell is grey. */
    readonly minSamples?: number;
  },
  t: Translate,
): ChartOption | null {
  registerChartParts(CHART_PARTS);
  if (cells.length === 0) return null;
  const channelIndex = new Map(axes.channels.map((axis, index) => [axis.code, index]));
  const regionIndex = new Map(axes.regions.map((axis, index) => [axis.code, index]));
  const data = cells.flatMap((cell) => {
    const x = regionIndex.get(cell.region);
    const y = channelIndex.get(cell.channel);
    if (x === undefined || y === undefined) return [];
    return [
      {
        name: cellName(cell.channel, cell.region),
        // -1 stands for "insufficient data" in the piecewise colour scale.
        value: [x, y, cell.score ?? -1],
        worst: cell.worst?.key ?? null,
        volume: cell.volume,
      },
    ];
  });
  return {
    tooltip: {
      formatter: (params: unknown) => {
        const item = params as { data?: { value: number[]; worst: string | null; volume: number } };
        const [x = 0, y = 0, score = -1] = item.data?.value ?? [];
        const lines = [
          `${axes.channels[y]?.label ?? ''} · ${axes.regions[x]?.label ?? ''}`,
          `${t('quality.score')}: ${score < 0 ? t('quality.insufficient') : formatScore(score)}`,
          `${t('quality.volume')}: ${item.data?.volume ?? 0}`,
        ];
        if (score < 0)
          lines.push(
            t('quality.insufficientWhy', { volume: item.data?.volume ?? 0, minimum: axes.minSamples ?? 30 }),
          );
        if (item.data?.worst) lines.push(`${t('quality.worst')}: ${item.data.worst}`);
        return lines.join('<br/>');
      },
    },
    // Room under the plot for city names at 40° (English ones run to "Zhangjiajie") above the legend.
    grid: { left: 96, right: 16, top: 8, bottom: HEATMAP_GRID_BOTTOM_PX },
    xAxis: {
      type: 'category',
      data: axes.regions.map((axis) => axis.label),
      axisLabel: { rotate: 40, interval: 0 },
    },
    yAxis: { type: 'category', data: axes.channels.map((axis) => axis.label) },
    visualMap: {
      type: 'piecewise',
      dimension: 2,
      orient: 'horizontal',
      left: 'center',
      bottom: 0,
      pieces: [
        { lt: 0, label: t('quality.band.insufficient'), color: SCORE_BAND_COLORS.insufficient },
        { gte: 0, lt: 3, label: t('quality.band.poor'), color: SCORE_BAND_COLORS.poor },
        { gte: 3, lt: 4, label: t('quality.band.tolerable'), color: SCORE_BAND_COLORS.tolerable },
        { gte: 4, label: t('quality.band.good'), color: SCORE_BAND_COLORS.good },
      ],
    },
    series: [
      {
        type: 'heatmap',
        data,
        label: {
          show: true,
          formatter: (params: unknown) => {
            const value = (params as { value: number[] }).value[2] ?? -1;
            return value < 0 ? '—' : formatScore(value);
          },
        },
        itemStyle: { borderColor: '#fff', borderWidth: 2 },
        emphasis: { itemStyle: { borderColor: '#1668dc', borderWidth: 2 } },
      },
    ],
  };
}
