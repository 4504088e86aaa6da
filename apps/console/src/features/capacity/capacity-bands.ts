/**
 * Colours of the capacity indices by the catalogue's default thresholds: running index good ≤ 0.10, tolerable
 * ≤ 0.25, bad ≥ 0.50; capability index good ≥ 0, bad ≤ −0.20 (negative: resources already beyond the plan).
 */
export type CapacityBand = 'good' | 'tolerable' | 'poor' | 'none';

export const CAPACITY_BAND_COLORS: Readonly<Record<CapacityBand, string>> = {
  good: '#389e0d',
  tolerable: '#d48806',
  poor: '#cf1322',
  none: '#bfbfbf',
};

export function bandOfRunningIndex(index: number | null | undefined): CapacityBand {
  if (index === null || index === undefined) return 'none';
  if (index <= 0.1) return 'good';
  return index < 0.5 ? 'tolerable' : 'poor';
}

export function bandOfCapabilityIndex(index: number | null | undefined): CapacityBand {
  if (index === null || index === undefined) return 'none';
  if (index >= 0) return 'good';
  return index > -0.2 ? 'tolerable' : 'poor';
}

/** A signed index with three decimals, as the seeds write them: "+0.154", "−0.286". */
export function formatSignedIndex(index: number | null | undefined): string {
  if (index === null || index === undefined || !Number.isFinite(index)) return '—';
  const text = Math.abs(index).toFixed(3);
  if (Number(text) === 0) return '0.000';
  return index > 0 ? `+${text}` : `−${text}`;
}
