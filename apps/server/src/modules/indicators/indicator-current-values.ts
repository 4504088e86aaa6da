import type { IndicatorCurrentValue, KpiResult } from '@ganzhi/contracts';
import { scoreApdex, scoreValue } from '@ganzhi/quality';
import { scoreThresholdsOf, type CompiledIndicator } from './indicator-definition.js';

function round4(value: number): number {
  return Math.round(value * 10_000) / 10_000;
}

/**
 * Each indicator's value over many services: the samples-weighted mean of the services' values, then scored against
 * the indicator's own thresholds (not the mean of the services' scores), so that the value shown beside the
 * thresholds falls in the band shown beside it. Services whose formula had no value (a missing SLA, no samples) are
 * left out; an indicator no service measured is `no_data`, one with fewer samples than its minimum `insufficient`.
 *
 * @example currentValuesOf(indicators, [drillA.kpis, drillB.kpis]) // [{ indicatorId: 'txn_failure_rate', value: 0.8, … }]
 */
export function currentValuesOf(
  indicators: readonly CompiledIndicator[],
  kpisPerService: readonly (readonly KpiResult[])[],
): IndicatorCurrentValue[] {
  const byIndicator = new Map<string, KpiResult[]>();
  for (const kpis of kpisPerService)
    for (const kpi of kpis) {
      const list = byIndicator.get(kpi.indicatorId);
      if (list) list.push(kpi);
      else byIndicator.set(kpi.indicatorId, [kpi]);
    }
  return indicators.map(({ definition }) => {
    const measured = (byIndicator.get(definition.id) ?? []).filter(
      (kpi): kpi is KpiResult & { value: number } => kpi.value !== null && kpi.samples > 0,
    );
    const samples = measured.reduce((sum, kpi) => sum + kpi.samples, 0);
    const base = { indicatorId: definition.id, samples, services: measured.length };
    if (measured.length === 0) return { ...base, value: null, score: null, status: 'no_data' };
    const value = round4(measured.reduce((sum, kpi) => sum + kpi.value * kpi.samples, 0) / samples);
    if (samples < definition.minSamples) return { ...base, value, score: null, status: 'insufficient' };
    const score =
      definition.scoring === 'apdex' ? scoreApdex(value) : scoreValue(value, scoreThresholdsOf(definition));
    return { ...base, value, score, status: 'ok' };
  });
}
