import { describe, expect, it } from 'vitest';
import type { CheckSeries } from '@ganzhi/contracts';
import { translate } from '../../../lib/i18n';
import { buildTierChartOption } from './tier-chart-option';

const t = translate.bind(null, 'zh-CN');
const seriesWith = (tiers: CheckSeries['total']['tiers']): CheckSeries => ({
  resolution: 'hour',
  from: '2025-03-30T12:00:00.000Z',
  to: '2025-03-31T12:00:00.000Z',
  points: [],
  total: { count: 0, failures: 0, p50Ms: null, p95Ms: null, tiers },
});

describe('buildTierChartOption', () => {
  it('has no chart when no run fell in any tier', () => {
    expect(buildTierChartOption(seriesWith({ fast: 0, slow: 0, sluggish: 0, verySlow: 0 }), t)).toBeNull();
  });

  it('shows the four seed tiers in order with their counts', () => {
    const option = buildTierChartOption(seriesWith({ fast: 8, slow: 1, sluggish: 0, verySlow: 1 }), t);
    expect(option?.series).toMatchObject([
      {
        data: [
          { name: '快（< 2 秒）', value: 8 },
          { name: '较慢（2 秒至 < 5 秒）', value: 1 },
          { name: '慢（5 秒至 10 秒）', value: 0, label: { show: false } },
          { name: '很慢（> 10 秒）', value: 1 },
        ],
      },
    ]);
  });
});
