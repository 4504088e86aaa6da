import type { KpiResult } from '@ganzhi/contracts';
import { describe, expect, it } from 'vitest';
import { worstKpiPerLayer } from './worst-by-layer';

const kpi = (indicatorId: string, layer: KpiResult['layer'], score: number | null): KpiResult => ({
  indicatorId,
  family: 'reliability',
  layer,
  source: 'transactions',
  value: 1,
  score,
  samples: 100,
  status: score === null ? 'insufficient' : 'ok',
  critical: indicatorId.startsWith('critical_'),
});

describe('worst KPI per layer', () => {
  it('finds the lowest score of each layer, resource included, and skips unscored KPIs', () => {
    const worst = worstKpiPerLayer([
      kpi('apdex_score', 'experience', 4.2),
      kpi('web_hall_page_load_time_p90', 'experience', 3.1),
      kpi('txn_failure_rate', 'platform', 2.5),
      kpi('cpu_util_peak', 'resource', 1),
      kpi('storage_util', 'resource', null),
    ]);
    expect(worst.experience?.indicatorId).toBe('web_hall_page_load_time_p90');
    expect(worst.platform?.indicatorId).toBe('txn_failure_rate');
    expect(worst.resource?.indicatorId).toBe('cpu_util_peak');
  });

  it('prefers a critical KPI on a tie and leaves a layer without scores empty', () => {
    const worst = worstKpiPerLayer([kpi('a', 'platform', 2), kpi('critical_b', 'platform', 2)]);
    expect(worst.platform?.indicatorId).toBe('critical_b');
    expect(worst.resource).toBeUndefined();
  });
});
