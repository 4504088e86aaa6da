import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  EXACT_BOUNDS_MS,
  MIN_TRACKED_MS,
  createHistogram,
  encodeHistogram,
  histogramQuantile,
  mergeEncodedInto,
  mergeHistogramInto,
  recordLatency,
} from './latency-histogram.js';
import { classifyResponseTime, computeTierCounts } from './response-tiers.js';

/** Latencies as sources report them: mostly sub-second, some slow, a few very slow; the exact bounds themselves too. */
const latency = fc.oneof(
  fc.integer({ min: 0, max: 2000 }),
  fc.integer({ min: 0, max: 70_000 }),
  fc.constantFrom(...EXACT_BOUNDS_MS),
  fc.double({ min: 0, max: 600_000, noNaN: true }),
  fc.double({ min: 0.01, max: 5, noNaN: true }),
);
const samples = fc.array(latency, { minLength: 1, maxLength: 400 });

function histogramOf(values: readonly number[]) {
  const histogram = createHistogram();
  for (const value of values) recordLatency(histogram, value);
  return histogram;
}

/** The nearest-rank quantile of the raw values. */
function exactQuantile(values: readonly number[], quantile: number): number {
  const sorted = [...values].sort((x, y) => x - y);
  return sorted[Math.max(0, Math.ceil(quantile * sorted.length) - 1)] ?? 0;
}

describe('latency histogram properties', () => {
  it('merging the histograms of two sets equals the histogram of their union', () => {
    fc.assert(
      fc.property(samples, samples, (a, b) => {
        expect(mergeHistogramInto(histogramOf(a), histogramOf(b))).toEqual(histogramOf([...a, ...b]));
      }),
    );
  });

  it('estimates every quantile of merged histograms within 2 % of the exact quantile of the raw values', () => {
    fc.assert(
      fc.property(
        fc.array(samples, { minLength: 1, maxLength: 6 }),
        fc.constantFrom(0.01, 0.25, 0.5, 0.9, 0.95, 0.99, 1),
        (parts, quantile) => {
          const merged = createHistogram();
          for (const part of parts) mergeHistogramInto(merged, histogramOf(part));
          const exact = exactQuantile(parts.flat(), quantile);
          const estimate = histogramQuantile(merged, quantile) ?? Number.NaN;
          if (exact < MIN_TRACKED_MS) expect(estimate).toBeLessThan(MIN_TRACKED_MS);
          else expect(Math.abs(estimate - exact) / exact).toBeLessThanOrEqual(0.02);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('reads stored histograms back, alone, as PostgreSQL prints them, or joined for a group', () => {
    fc.assert(
      fc.property(samples, samples, (a, b) => {
        const [first, second] = [histogramOf(a), histogramOf(b)];
        const stored = [encodeHistogram(first), encodeHistogram(second)];
        const spaced = stored.map((text) => text.replaceAll(':', ': ').replaceAll(',', ', '));
        const union = histogramOf([...a, ...b]);
        expect(mergeEncodedInto(createHistogram(), stored[0] ?? '')).toEqual(first);
        expect(mergeEncodedInto(createHistogram(), stored.join('|'))).toEqual(union);
        expect(mergeEncodedInto(createHistogram(), spaced.join('|'))).toEqual(union);
      }),
    );
  });

  it('splits into the seed response tiers exactly as classifying each sample would', () => {
    fc.assert(
      fc.property(samples, (values) => {
        const direct = { fast: 0, slow: 0, sluggish: 0, verySlow: 0 };
        for (const value of values) direct[classifyResponseTime(value)] += 1;
        expect(computeTierCounts(histogramOf(values))).toEqual(direct);
      }),
    );
  });
});
