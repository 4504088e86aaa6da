/**
 * Colours of the capacity indices by the catalogue's default good and bad thresholds: running index good ≤ 0.10,
 * tolerable below 0.50, poor ≥ 0.50; capability index good ≥ 0, tolerable above −0.20, poor ≤ −0.20 (negative:
 * resources already beyond the plan).
 */
export type CapacityBand = 'good' | 'tolerable' | 'poor' | 'none';

export const CAPACITY_BAND_COLORS: Readonly<Record<CapacityBand, string>> = {
  good: '#389e0d',
  tolerable: '#d48806',
  poor: '#cf1322',
  none: '#bfbfbf',
};

/** The bounds the page colours by (good inclusive, bad inclusive), also quoted in its explanations. */
export const CAPACITY_BAND_BOUNDS = {
  running: { good: 0.1, bad: 0.5 },
  capability: { good: 0, bad: -0.2 },
} as const;

export function bandOfRunningIndex(index: number | null | undefined): CapacityBand {
  if (index === null || index === undefined) return 'none';
  if (index <= CAPACITY_BAND_BOUNDS.running.good) return 'good';
  return index < CAPACITY_BAND_BOUNDS.running.bad ? 'tolerable' : 'poor';
}

export function bandOfCapabilityIndex(index: number | null | undefined): CapacityBand {
  if (index === null || index === undefined) return 'none';
  if (index >= CAPACITY_BAND_BOUNDS.capability.good) return 'good';
  return index > CAPACITY_BAND_BOUNDS.capability.bad ? 'tolerable' : 'poor';
}

/** A signed index with three decimals, as the seeds write them: "+0.154", "−0.286". */
export function formatSignedIndex(index: number | null | undefined): string {
  if (index === null || index === undefined || !Number.isFinite(index)) return '—';
  const text = Math.abs(index).toFixed(3);
  if (Number(text) === 0) return '0.000';
  return index > 0 ? `+${text}` : `−${text}`;
}
