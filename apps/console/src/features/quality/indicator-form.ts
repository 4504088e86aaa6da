import type { Indicator, IndicatorInput } from '@ganzhi/contracts';

/** What the editor holds: the definition with its thresholds flat, as antd form fields. */
export type IndicatorFormValues = IndicatorInput;

/** A stored indicator as the editor starts from (server-only fields dropped). */
export function formValuesOf(indicator: Indicator): IndicatorFormValues {
  const { builtin: _builtin, modified: _modified, measurements: _measurements, ...definition } = indicator;
  return definition;
}

/** A new custom indicator's starting point: a transactions ratio with the seed failure tiers. */
export const NEW_INDICATOR: IndicatorFormValues = {
  id: '',
  name: { zh: '', en: '' },
  description: '',
  layer: 'platform',
  dimension: 'business_ops',
  family: 'reliability',
  source: 'transactions',
  formula: '100 * failures / count',
  unit: '%',
  direction: 'lower_is_better',
  scoring: 'thresholds',
  interpolation: 'log',
  successPercent: false,
  thresholds: { good: 1, tolerable: null, bad: 10 },
  minSamples: 30,
  critical: false,
  criticalFor: [],
  weight: 1,
  outcome: false,
  appliesTo: { channels: [], businessTypes: [], businesses: [] },
  enabled: true,
};

/** The antd field name of an API issue path (`thresholds.bad` → ['thresholds', 'bad']). */
export function fieldNameOf(path: string): (string | number)[] {
  return path.split('.').map((segment) => (/^\d+$/.test(segment) ? Number(segment) : segment));
}
