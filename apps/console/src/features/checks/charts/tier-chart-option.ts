import type { CheckSeries, TierCounts } from '@ganzhi/contracts';
import { PieChart } from 'echarts/charts';
import { LegendComponent } from 'echarts/components';
import { registerChartParts, type ChartOption } from '../../../components/e-chart';
import type { MessageKey, Translate } from '../../../lib/i18n';

/** The chart types and components these options draw with (grid and tooltip are always there). */
const CHART_PARTS = [PieChart, LegendComponent];

type Tier = keyof TierCounts;

/** The seed response tiers, fastest first, coloured green → red. */
export const TIERS: readonly { tier: Tier; label: MessageKey; color: string }[] = [
  { tier: 'fast', label: 'tier.fast', color: '#52c41a' },
  { tier: 'slow', label: 'tier.slow', color: '#fadb14' },
  { tier: 'sluggish', label: 'tier.sluggish', color: '#fa8c16' },
  { tier: 'verySlow', label: 'tier.verySlow', color: '#f5222d' },
];

/** A donut of runs per response tier (< 2 s, 2–5 s, 5–10 s, > 10 s); null while there are no runs. */
export function buildTierChartOption(series: CheckSeries | undefined, t: Translate): ChartOption | null {
  registerChartParts(CHART_PARTS);
  const tiers = series?.total.tiers;
  if (!tiers || TIERS.every(({ tier }) => tiers[tier] === 0)) return null;
  return {
    tooltip: { trigger: 'item', formatter: '{b}: {c} ({d}%)' },
    legend: { bottom: 0, itemWidth: 12, itemHeight: 12 },
    series: [
      {
        type: 'pie',
        radius: ['42%', '68%'],
        center: ['50%', '42%'],
        avoidLabelOverlap: true,
        label: { formatter: '{d}%' },
        data: TIERS.map(({ tier, label, color }) => {
          // Empty tiers stay in the legend but get no slice label, which would overlap the others.
          const hasRuns = tiers[tier] > 0;
          return {
            name: t(label),
            value: tiers[tier],
            itemStyle: { color },
            label: { show: hasRuns },
            labelLine: { show: hasRuns },
          };
        }),
      },
    ],
  };
}
