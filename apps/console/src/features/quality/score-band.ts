import { REASONABLE_RANGE } from '@ganzhi/contracts';

/** Where a 1–5 score sits (§e.2 display rule): ≥ 4 good, [3, 4) tolerable, < 3 poor; null = insufficient data. */
export type ScoreBand = 'good' | 'tolerable' | 'poor' | 'insufficient';

export const SCORE_BAND_COLORS: Readonly<Record<ScoreBand, string>> = {
  good: '#389e0d',
  tolerable: '#d48806',
  poor: '#cf1322',
  insufficient: '#bfbfbf',
};

export function bandOfScore(score: number | null | undefined): ScoreBand {
  if (score === null || score === undefined || !Number.isFinite(score)) return 'insufficient';
  if (score >= 4) return 'good';
  return score >= REASONABLE_RANGE.low ? 'tolerable' : 'poor';
}

/** A score as people read it: one decimal ("3.8"), "—" for insufficient data. */
export function formatScore(score: number | null | undefined): string {
  return score === null || score === undefined || !Number.isFinite(score) ? '—' : score.toFixed(1);
}

/** A KPI value in its unit: percentages and ratios with the precision near their thresholds. */
export function formatIndicatorValue(value: number | null, unit: string): string {
  if (value === null || !Number.isFinite(value)) return '—';
  const magnitude = Math.abs(value);
  const digits = magnitude >= 100 ? 1 : magnitude >= 10 ? 2 : 3;
  const text = Number(value.toFixed(digits)).toString();
  return unit ? `${text} ${unit}` : text;
}
