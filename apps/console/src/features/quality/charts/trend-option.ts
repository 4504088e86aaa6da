import { LineChart } from 'echarts/charts';
import { MarkAreaComponent, MarkLineComponent } from 'echarts/components';
import { registerChartParts, type ChartOption } from '../../../components/e-chart';
import type { Translate } from '../../../lib/i18n';
import { SCORE_BAND_COLORS, formatScore } from '../score-band';

/** The chart types and components these options draw with (grid and tooltip are always there). */
const CHART_PARTS = [LineChart, MarkAreaComponent, MarkLineComponent];

export interface TrendPoint {
  readonly bucketStart: string;
  readonly score: number | null;
  readonly volume: number;
}

/**
 * A score over time on the 1–5 scale, with the reasonable range [3, 5] shaded and gaps where the data were too few to
 * score. Null when there is no point with a score.
 */
export function buildScoreTrendOption(points: readonly TrendPoint[], t: Translate): ChartOption | null {
  registerChartParts(CHART_PARTS);
  if (!points.some((point) => point.score !== null)) return null;
  const times = points.map((point) => Date.parse(point.bucketStart));
  return {
    tooltip: {
      trigger: 'axis',
      valueFormatter: (value: unknown) => (typeof value === 'number' ? formatScore(value) : '—'),
    },
    grid: { left: 40, right: 16, top: 16, bottom: 28 },
    xAxis: { type: 'time', axisLabel: { hideOverlap: true } },
    yAxis: { type: 'value', min: 1, max: 5, interval: 1 },
    series: [
      {
        name: t('quality.score'),
        type: 'line',
        connectNulls: false,
        showSymbol: points.length <= 48,
        data: points.map((point, index) => [times[index], point.score]),
        lineStyle: { width: 2, color: '#1668dc' },
        itemStyle: { color: '#1668dc' },
        markArea: {
          silent: true,
          itemStyle: { color: 'rgba(56, 158, 13, 0.06)' },
          data: [[{ yAxis: 3 }, { yAxis: 5 }]],
        },
        markLine: {
          silent: true,
          symbol: 'none',
          lineStyle: { color: SCORE_BAND_COLORS.poor, type: 'dashed' },
          label: { formatter: t('quality.reasonableLow'), position: 'insideEndTop' },
          data: [{ yAxis: 3 }],
        },
      },
    ],
  };
}
