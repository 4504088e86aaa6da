import type { IndicatorInput } from '@ganzhi/contracts';

/**
 * One built-in indicator as a table row, in the catalogue's own column order (../docs/indicators.md §b):
 * id, 中文名, English name, dimension, KQI family, source, formula, unit, direction (↓ lower is better, ↑ higher),
 * thresholds good | tolerable | bad, and the less common settings.
 */
export type CatalogueRow = readonly [
  id: string,
  nameZh: string,
  nameEn: string,
  dimension: IndicatorInput['dimension'],
  family: IndicatorInput['family'],
  source: IndicatorInput['source'],
  formula: string,
  unit: string,
  direction: '↓' | '↑',
  thresholds: readonly [good: number, tolerable: number | null, bad: number],
  extra?: Partial<IndicatorInput>,
];

/** Turns the rows of one layer into indicator definitions (validated with the shared schema when loaded). */
export function fromRows(layer: IndicatorInput['layer'], rows: readonly CatalogueRow[]): IndicatorInput[] {
  return rows.map(
    ([id, nameZh, nameEn, dimension, family, source, formula, unit, direction, thresholds, extra]) => ({
      id,
      name: { zh: nameZh, en: nameEn },
      layer,
      dimension,
      family,
      source,
      formula,
      unit,
      direction: direction === '↓' ? 'lower_is_better' : 'higher_is_better',
      thresholds: { good: thresholds[0], tolerable: thresholds[1], bad: thresholds[2] },
      // Success percentages are scored as failure shares, so log interpolation works on them (§e.2).
      ...(unit === '%' && direction === '↑' ? { successPercent: true } : {}),
      // Log interpolation needs positive lower-is-better values: indices, scores and signed changes are linear.
      interpolation: (direction === '↑' && unit !== '%') || thresholds[0] <= 0 ? 'linear' : 'log',
      // External values arrive as a few reports per window (a daily audit, a monthly survey): one is evidence.
      ...(source === 'external' ? { minSamples: 1 } : {}),
      ...extra,
    }),
  );
}
