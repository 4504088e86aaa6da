import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  LATENCY_BUCKET_BOUNDS_MS,
  bucketIndexOf,
  createHistogram,
  histogramQuantile,
  mergeHistogramInto,
  recordLatency,
} from './latency-histogram.js';
import { computeTierCounts } from './response-tiers.js';

/** Latencies as sources report them: mostly sub-second, some slow, a few beyond every bound; bounds themselves too. */
const latency = fc.oneof(
  fc.integer({ min: 0, max: 2000 }),
  fc.integer({ min: 0, max: 70_000 }),
  fc.constantFrom(...LATENCY_BUCKET_BOUNDS_MS),
  fc.double({ min: 0, max: 120_000, noNaN: true }),
);
const samples = fc.array(latency, { minLength: 1, maxLength: 400 });

function histogramOf(values: readonly number[]): number[] {
  const histogram = createHistogram();
  for (const value of values) recordLatency(histogram, value);
  return histogram;
}

describe('latency histogram properties', () => {
  it('merging the histograms of two sets equals the histogram of their union', () => {
    fc.assert(
      fc.property(samples, samples, (a, b) => {
        expect(mergeHistogramInto(histogramOf(a), histogramOf(b))).toEqual(histogramOf([...a, ...b]));
      }),
    );
  });

  it('estimates every quantile inside the bucket that holds the exact one', () => {
    fc.assert(
      fc.property(samples, fc.constantFrom(0.5, 0.9, 0.95, 0.99), (values, quantile) => {
        const sorted = [...values].sort((x, y) => x - y);
        const exact = sorted[Math.max(0, Math.ceil(quantile * sorted.length) - 1)] ?? 0;
        const estimate = histogramQuantile(histogramOf(values), quantile) ?? Number.NaN;
        const index = bucketIndexOf(exact);
        const lower = index === 0 ? 0 : (LATENCY_BUCKET_BOUNDS_MS[index - 1] ?? 0);
        const upper = LATENCY_BUCKET_BOUNDS_MS[index] ?? lower;
        expect(estimate).toBeGreaterThanOrEqual(lower);
        expect(estimate).toBeLessThanOrEqual(upper);
      }),
    );
  });

  it('splits into the seed response tiers exactly as counting each sample would', () => {
    fc.assert(
      fc.property(samples, (values) => {
        const direct = { fast: 0, slow: 0, sluggish: 0, verySlow: 0 };
        for (const value of values) {
          if (value <= 2000) direct.fast += 1;
          else if (value <= 5000) direct.slow += 1;
          else if (value <= 10_000) direct.sluggish += 1;
          else direct.verySlow += 1;
        }
        expect(computeTierCounts(histogramOf(values))).toEqual(direct);
      }),
    );
  });
});
