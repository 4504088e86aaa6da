import type { IndicatorLayer, KpiResult } from '@ganzhi/contracts';

/** The lowest-scoring KPI of each layer (KPIs without a score left out); ties go to the critical one. */
export function worstKpiPerLayer(
  kpis: readonly KpiResult[],
): Partial<Record<IndicatorLayer, KpiResult & { readonly score: number }>> {
  const worst: Partial<Record<IndicatorLayer, KpiResult & { readonly score: number }>> = {};
  for (const kpi of kpis) {
    if (kpi.score === null) continue;
    const current = worst[kpi.layer];
    if (
      !current ||
      kpi.score < current.score ||
      (kpi.score === current.score && kpi.critical && !current.critical)
    )
      worst[kpi.layer] = { ...kpi, score: kpi.score };
  }
  return worst;
}
