/**
 * Fixed-bound latency histograms. Every series (probe runs, transactions) uses the same bounds, so histograms
 * merge across series and time by adding counts, and the seeds' thresholds (2 s, 3 s, 5 s, 10 s, 30 s) are bucket
 * edges: tier shares computed from a histogram are exact, not interpolated.
 */

/** Upper bounds (inclusive, ms) of the finite buckets; one more bucket holds everything above the last bound. */
export const LATENCY_BUCKET_BOUNDS_MS = [
  25, 50, 100, 200, 300, 500, 750, 1000, 1500, 2000, 3000, 5000, 7500, 10_000, 15_000, 20_000, 30_000, 60_000,
] as const;

/** Number of buckets including the overflow bucket. */
export const LATENCY_BUCKET_COUNT = LATENCY_BUCKET_BOUNDS_MS.length + 1;

/** Counts per bucket; index i counts samples in (bound[i-1], bound[i]]; the last index counts samples > 60 s. */
export type LatencyHistogram = number[];

export function createHistogram(): LatencyHistogram {
  return new Array<number>(LATENCY_BUCKET_COUNT).fill(0);
}

export function bucketIndexOf(latencyMs: number): number {
  for (let i = 0; i < LATENCY_BUCKET_BOUNDS_MS.length; i++) {
    if (latencyMs <= (LATENCY_BUCKET_BOUNDS_MS[i] ?? Infinity)) return i;
  }
  return LATENCY_BUCKET_BOUNDS_MS.length;
}

/** Adds one sample in place. */
export function recordLatency(histogram: LatencyHistogram, latencyMs: number): void {
  const index = bucketIndexOf(latencyMs);
  histogram[index] = (histogram[index] ?? 0) + 1;
}

/** Adds `other` into `target` in place and returns `target`. */
export function mergeHistogramInto(target: LatencyHistogram, other: readonly number[]): LatencyHistogram {
  for (let i = 0; i < LATENCY_BUCKET_COUNT; i++) target[i] = (target[i] ?? 0) + (other[i] ?? 0);
  return target;
}

export function histogramCount(histogram: readonly number[]): number {
  let total = 0;
  for (const count of histogram) total += count;
  return total;
}

/**
 * Quantile (0–1) estimated by linear interpolation inside the bucket that holds it, as Prometheus'
 * histogram_quantile does. The overflow bucket has no upper edge, so a quantile landing there reports the last bound.
 * Returns null for an empty histogram: no data is never shown as a number.
 */
export function histogramQuantile(histogram: readonly number[], quantile: number): number | null {
  const total = histogramCount(histogram);
  if (total === 0) return null;
  const rank = Math.min(Math.max(quantile, 0), 1) * total;
  let cumulative = 0;
  for (let i = 0; i < LATENCY_BUCKET_COUNT; i++) {
    const count = histogram[i] ?? 0;
    if (count === 0) continue;
    if (cumulative + count >= rank) {
      const lower = i === 0 ? 0 : (LATENCY_BUCKET_BOUNDS_MS[i - 1] ?? 0);
      const upper = LATENCY_BUCKET_BOUNDS_MS[i];
      if (upper === undefined) return lower;
      return lower + ((upper - lower) * (rank - cumulative)) / count;
    }
    cumulative += count;
  }
  return LATENCY_BUCKET_BOUNDS_MS[LATENCY_BUCKET_BOUNDS_MS.length - 1] ?? null;
}

/** Number of samples at or below `boundMs`, which must be one of the bucket bounds. */
export function countAtOrBelow(histogram: readonly number[], boundMs: number): number {
  const edge = LATENCY_BUCKET_BOUNDS_MS.indexOf(boundMs as (typeof LATENCY_BUCKET_BOUNDS_MS)[number]);
  if (edge < 0) throw new RangeError(`${boundMs} ms is not a histogram bucket bound`);
  let total = 0;
  for (let i = 0; i <= edge; i++) total += histogram[i] ?? 0;
  return total;
}

/**
 * Estimated number of samples at or below any `limitMs`: exact at bucket bounds, linearly interpolated inside the
 * bucket that holds the limit otherwise (as quantiles are); samples beyond the last bound count only above it.
 */
export function estimateAtOrBelow(histogram: readonly number[], limitMs: number): number {
  let total = 0;
  for (let i = 0; i < LATENCY_BUCKET_COUNT; i++) {
    const count = histogram[i] ?? 0;
    const lower = i === 0 ? 0 : (LATENCY_BUCKET_BOUNDS_MS[i - 1] ?? 0);
    const upper = LATENCY_BUCKET_BOUNDS_MS[i];
    if (upper === undefined) return total; // the overflow bucket has no upper edge to interpolate to
    if (limitMs >= upper) total += count;
    else {
      if (limitMs > lower) total += (count * (limitMs - lower)) / (upper - lower);
      return total;
    }
  }
  return total;
}
