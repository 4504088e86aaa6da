/**
 * Mergeable latency histograms with bounded relative error (decision 0013).
 *
 * Buckets are logarithmic, as in DDSketch and OpenTelemetry's exponential histograms: each finite bucket [l, u) has
 * u / l ≤ γ = (1 + α) / (1 − α) with α = 1 %, so the value reported for a bucket (2lu / (l + u)) is within 1 % of every
 * sample it holds, and quantiles are within 1 % of the exact nearest-rank quantile. The seeds' bounds and the Apdex
 * targets are **exact bounds**: each is a bucket of its own holding only samples equal to it, so "< 2 s" and
 * "≤ 2 s" are both exact counts, never interpolations. Every histogram uses the same layout, so histograms merge
 * across minutes, agents, regions and engines by adding the counts of equal indexes.
 *
 * A histogram is sparse: bucket index → count, only non-zero buckets present.
 */

/** Relative accuracy of the value reported for a bucket. */
export const RELATIVE_ACCURACY = 0.01;
const GAMMA = (1 + RELATIVE_ACCURACY) / (1 - RELATIVE_ACCURACY);

/** Below this (ms) samples share bucket 0; at or above MAX_TRACKED_MS they share the last bucket. */
export const MIN_TRACKED_MS = 0.01;
export const MAX_TRACKED_MS = 86_400_000;

/**
 * Bounds that are buckets of their own: the response tiers (2, 5, 10 s), the seed baselines and Apdex targets
 * (2, 3, 7.5, 10 s) and their frustration limits 4T (8, 12, 30, 40 s), and 30 s.
 */
export const EXACT_BOUNDS_MS = [2000, 3000, 5000, 7500, 8000, 10_000, 12_000, 30_000, 40_000] as const;

/** Bucket index → number of samples; absent indexes are zero. */
export type LatencyHistogram = Map<number, number>;
export type ReadonlyLatencyHistogram = ReadonlyMap<number, number>;

interface Segment {
  /** Open or half-open interval (lo, hi) between exact bounds, split into n log buckets of ratio r. */
  readonly lo: number;
  readonly hi: number;
  readonly n: number;
  readonly logR: number;
  /** Index of the segment's first bucket. */
  readonly offset: number;
}

function buildLayout(): { segments: Segment[]; exactIndex: Map<number, number>; lastIndex: number } {
  const segments: Segment[] = [];
  const exactIndex = new Map<number, number>();
  let offset = 1; // bucket 0 holds [0, MIN_TRACKED_MS)
  let lo: number = MIN_TRACKED_MS;
  for (const bound of [...EXACT_BOUNDS_MS, MAX_TRACKED_MS]) {
    const n = Math.max(1, Math.ceil(Math.log(bound / lo) / Math.log(GAMMA)));
    segments.push({ lo, hi: bound, n, logR: Math.log(bound / lo) / n, offset });
    offset += n;
    exactIndex.set(bound, offset);
    offset += 1;
    lo = bound;
  }
  // The bucket "= MAX_TRACKED_MS" also holds everything above it.
  return { segments, exactIndex, lastIndex: offset - 1 };
}

const LAYOUT = buildLayout();

/** Number of buckets in the layout (indexes 0 … BUCKET_COUNT − 1). */
export const LATENCY_BUCKET_COUNT = LAYOUT.lastIndex + 1;

function segmentOf(latencyMs: number): Segment | undefined {
  for (const segment of LAYOUT.segments) if (latencyMs < segment.hi) return segment;
  return undefined;
}

/** The bucket that holds `latencyMs` (negative and NaN values count as 0 ms). */
export function bucketIndexOf(latencyMs: number): number {
  if (!(latencyMs >= MIN_TRACKED_MS)) return 0;
  const exact = LAYOUT.exactIndex.get(latencyMs);
  if (exact !== undefined) return exact;
  const segment = segmentOf(latencyMs);
  if (!segment) return LAYOUT.lastIndex;
  const within = Math.floor(Math.log(latencyMs / segment.lo) / segment.logR);
  return segment.offset + Math.min(segment.n - 1, Math.max(0, within));
}

/** The interval a bucket covers: [lower, upper), or the single value lower = upper for an exact bound. */
export function bucketRange(index: number): { readonly lower: number; readonly upper: number } {
  if (index <= 0) return { lower: 0, upper: MIN_TRACKED_MS };
  if (index >= LAYOUT.lastIndex) return { lower: MAX_TRACKED_MS, upper: MAX_TRACKED_MS };
  for (const segment of LAYOUT.segments) {
    const within = index - segment.offset;
    if (within < segment.n)
      return {
        lower: segment.lo * Math.exp(within * segment.logR),
        upper: within === segment.n - 1 ? segment.hi : segment.lo * Math.exp((within + 1) * segment.logR),
      };
    if (within === segment.n) return { lower: segment.hi, upper: segment.hi };
  }
  return { lower: MAX_TRACKED_MS, upper: MAX_TRACKED_MS };
}

/** The value reported for a bucket: within RELATIVE_ACCURACY of every sample it holds. */
export function bucketValue(index: number): number {
  const { lower, upper } = bucketRange(index);
  if (lower === upper) return lower;
  if (lower === 0) return upper / 2;
  return (2 * lower * upper) / (lower + upper);
}

export function createHistogram(): LatencyHistogram {
  return new Map();
}

/** Adds `count` samples of `latencyMs` in place. */
export function recordLatency(histogram: LatencyHistogram, latencyMs: number, count = 1): void {
  const index = bucketIndexOf(latencyMs);
  histogram.set(index, (histogram.get(index) ?? 0) + count);
}

/** Adds `other` into `target` in place and returns `target`. */
export function mergeHistogramInto(
  target: LatencyHistogram,
  other: ReadonlyLatencyHistogram,
): LatencyHistogram {
  for (const [index, count] of other) target.set(index, (target.get(index) ?? 0) + count);
  return target;
}

export function histogramCount(histogram: ReadonlyLatencyHistogram): number {
  let total = 0;
  for (const count of histogram.values()) total += count;
  return total;
}

function sortedIndexes(histogram: ReadonlyLatencyHistogram): number[] {
  return [...histogram.keys()].sort((a, b) => a - b);
}

/**
 * Nearest-rank quantile (0–1): the value of the bucket holding the ⌈q·n⌉-th smallest sample, within 1 % of that
 * sample. Returns null for an empty histogram: no data is never shown as a number.
 */
export function histogramQuantile(histogram: ReadonlyLatencyHistogram, quantile: number): number | null {
  const total = histogramCount(histogram);
  if (total === 0) return null;
  const rank = Math.max(1, Math.ceil(Math.min(Math.max(quantile, 0), 1) * total));
  let cumulative = 0;
  let last = 0;
  for (const index of sortedIndexes(histogram)) {
    cumulative += histogram.get(index) ?? 0;
    last = index;
    if (cumulative >= rank) return bucketValue(index);
  }
  return bucketValue(last);
}

function exactIndexOf(boundMs: number): number {
  const index = LAYOUT.exactIndex.get(boundMs);
  if (index === undefined || boundMs === MAX_TRACKED_MS)
    throw new RangeError(`${boundMs} ms is not an exact histogram bound (${EXACT_BOUNDS_MS.join(', ')} ms)`);
  return index;
}

export function isExactBound(boundMs: number): boolean {
  return (EXACT_BOUNDS_MS as readonly number[]).includes(boundMs);
}

function countWhere(histogram: ReadonlyLatencyHistogram, keep: (index: number) => boolean): number {
  let total = 0;
  for (const [index, count] of histogram) if (keep(index)) total += count;
  return total;
}

/** Number of samples strictly below `boundMs`, which must be an exact bound. */
export function countBelow(histogram: ReadonlyLatencyHistogram, boundMs: number): number {
  const edge = exactIndexOf(boundMs);
  return countWhere(histogram, (index) => index < edge);
}

/** Number of samples at or below `boundMs`, which must be an exact bound. */
export function countAtOrBelow(histogram: ReadonlyLatencyHistogram, boundMs: number): number {
  const edge = exactIndexOf(boundMs);
  return countWhere(histogram, (index) => index <= edge);
}

/**
 * Estimated number of samples at or below any `limitMs`: exact at exact bounds, otherwise interpolated inside the
 * one bucket that holds the limit (at most 2 % of the samples of that bucket misplaced).
 */
export function estimateAtOrBelow(histogram: ReadonlyLatencyHistogram, limitMs: number): number {
  if (isExactBound(limitMs)) return countAtOrBelow(histogram, limitMs);
  const edge = bucketIndexOf(limitMs);
  let total = 0;
  for (const [index, count] of histogram) {
    if (index < edge) total += count;
    else if (index === edge) {
      const { lower, upper } = bucketRange(index);
      total += upper > lower ? count * Math.min(1, (limitMs - lower) / (upper - lower)) : count;
    }
  }
  return total;
}

/** The histogram as stored: a JSON object of non-zero counts keyed by bucket index, keys ascending. */
export function encodeHistogram(histogram: ReadonlyLatencyHistogram): string {
  const parts: string[] = [];
  for (const index of sortedIndexes(histogram)) {
    const count = histogram.get(index) ?? 0;
    if (count !== 0) parts.push(`"${index}":${count}`);
  }
  return `{${parts.join(',')}}`;
}

const DIGIT_0 = 48;
const DIGIT_9 = 57;
const QUOTE = 34;
const SPACE = 32;
const COLON = 58;
const COMMA = 44;
const CLOSE = 125;

/**
 * Adds every stored histogram in `text` into `target`: one object as `encodeHistogram` writes it (or with spaces, as
 * PostgreSQL's jsonb prints it), or several joined by any separator. A single pass without allocating objects, for
 * group reads that merge hundreds of thousands of rows; pairs that are not `"index":count` are skipped.
 */
export function mergeEncodedInto(target: LatencyHistogram, text: string): LatencyHistogram {
  let inKey = false;
  let key = 0;
  let keyOk = false;
  let inValue = false;
  let value = 0;
  let valueOk = false;
  const finishValue = () => {
    if (inValue && valueOk && keyOk && key < LATENCY_BUCKET_COUNT && value > 0)
      target.set(key, (target.get(key) ?? 0) + value);
    inValue = false;
    keyOk = false;
  };
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    const digit = code >= DIGIT_0 && code <= DIGIT_9;
    if (inKey) {
      if (code === QUOTE) inKey = false;
      else if (digit) key = key * 10 + (code - DIGIT_0);
      else keyOk = false;
    } else if (inValue && digit) {
      value = value * 10 + (code - DIGIT_0);
      valueOk = true;
    } else if (inValue && code === SPACE && !valueOk) {
      // PostgreSQL writes ": 3"
    } else if (code === COLON && keyOk && !inValue) {
      inValue = true;
      value = 0;
      valueOk = false;
    } else {
      if (inValue && (code === COMMA || code === CLOSE || code === SPACE)) finishValue();
      inValue = false;
      if (code === QUOTE) {
        inKey = true;
        key = 0;
        keyOk = true;
      } else keyOk = false;
    }
  }
  finishValue();
  return target;
}

/**
 * Reads a stored histogram (as `encodeHistogram` writes it, or with spaces as PostgreSQL's jsonb prints it).
 * Entries that are not a bucket index with a positive count are ignored: a damaged row never stops a query.
 */
export function decodeHistogram(text: string | null | undefined): LatencyHistogram {
  return text ? mergeEncodedInto(createHistogram(), text) : createHistogram();
}
