import { describe, expect, it } from 'vitest';
import {
  EXACT_BOUNDS_MS,
  LATENCY_BUCKET_COUNT,
  bucketIndexOf,
  bucketRange,
  countAtOrBelow,
  countBelow,
  createHistogram,
  decodeHistogram,
  encodeHistogram,
  estimateAtOrBelow,
  histogramCount,
  histogramQuantile,
  mergeHistogramInto,
  recordLatency,
} from './latency-histogram.js';
import {
  classifyFailureRatio,
  classifyFailures,
  classifyResponseTime,
  computeTierCounts,
} from './response-tiers.js';

function histogramOf(values: readonly number[]) {
  const histogram = createHistogram();
  for (const value of values) recordLatency(histogram, value);
  return histogram;
}

describe('latency histogram', () => {
  it('gives every exact bound a bucket of its own, between the values just below and just above it', () => {
    for (const bound of EXACT_BOUNDS_MS) {
      const index = bucketIndexOf(bound);
      expect(bucketRange(index)).toEqual({ lower: bound, upper: bound });
      expect(bucketIndexOf(bound - 0.001)).toBe(index - 1);
      expect(bucketIndexOf(bound + 0.001)).toBe(index + 1);
    }
  });

  it('keeps every finite bucket within the 1 % accuracy ratio and the layout contiguous', () => {
    let previousUpper = 0;
    for (let index = 0; index < LATENCY_BUCKET_COUNT - 1; index++) {
      const { lower, upper } = bucketRange(index);
      expect(lower).toBeCloseTo(previousUpper, 6);
      if (index > 0 && upper > lower) expect(upper / lower).toBeLessThanOrEqual(1.0203);
      previousUpper = upper;
    }
    expect(LATENCY_BUCKET_COUNT).toBeLessThan(1300);
  });

  it('reports null quantiles for an empty histogram instead of a number', () => {
    expect(histogramQuantile(createHistogram(), 0.5)).toBeNull();
  });

  it('plots a single 3,057 ms run as about 3,057 ms at every quantile', () => {
    const histogram = histogramOf([3057]);
    for (const quantile of [0.5, 0.95, 0.99]) {
      const value = histogramQuantile(histogram, quantile) ?? 0;
      expect(Math.abs(value - 3057) / 3057).toBeLessThanOrEqual(0.01);
    }
  });

  it('reports what was measured in a quiet minute, not the middle of a wide bucket', () => {
    const histogram = histogramOf([12, 13, 14]);
    expect(histogramQuantile(histogram, 0.5)).toBeCloseTo(13, 0);
    expect(histogramQuantile(histogram, 0.99)).toBeCloseTo(14, 0);
  });

  it('merges by adding the counts of equal buckets', () => {
    const merged = mergeHistogramInto(histogramOf([10, 40_000]), histogramOf([10]));
    expect(merged.get(bucketIndexOf(10))).toBe(2);
    expect(histogramCount(merged)).toBe(3);
  });

  it('counts strictly below and at or below an exact bound', () => {
    const histogram = histogramOf([1999.999, 2000, 2000, 2000.001]);
    expect(countBelow(histogram, 2000)).toBe(1);
    expect(countAtOrBelow(histogram, 2000)).toBe(3);
    expect(estimateAtOrBelow(histogram, 2000)).toBe(3);
    expect(() => countBelow(histogram, 2500)).toThrow(/not an exact histogram bound/);
  });

  it('stores as a compact JSON object and reads back damaged rows without failing', () => {
    const histogram = histogramOf([5, 5, 2000, 90_000_000]);
    const text = encodeHistogram(histogram);
    expect(text).toMatch(/^\{"\d+":2,"\d+":1,"\d+":1\}$/);
    expect(decodeHistogram(text)).toEqual(histogram);
    expect(decodeHistogram('{"12": 3, "x": 1, "5": -2, "999999": 1}')).toEqual(new Map([[12, 3]]));
    expect(decodeHistogram('not json').size).toBe(0);
    expect(decodeHistogram(null).size).toBe(0);
  });
});

describe('seed tiers at their exact boundaries', () => {
  it('classifies single response times: < 2 s fast, < 5 s slow, 5–10 s inclusive, > 10 s very slow', () => {
    expect(classifyResponseTime(1999)).toBe('fast');
    expect(classifyResponseTime(2000)).toBe('slow');
    expect(classifyResponseTime(4999)).toBe('slow');
    expect(classifyResponseTime(5000)).toBe('sluggish');
    expect(classifyResponseTime(10_000)).toBe('sluggish');
    expect(classifyResponseTime(10_001)).toBe('verySlow');
  });

  it('splits a histogram into the same tiers', () => {
    const histogram = histogramOf([100, 1999, 2000, 4999, 5000, 10_000, 10_001, 90_000]);
    expect(computeTierCounts(histogram)).toEqual({ fast: 2, slow: 2, sluggish: 2, verySlow: 2 });
  });

  it('classifies failure ratios: exactly 1 % is not good, exactly 10 % is not bad', () => {
    expect(classifyFailures(0, 100)).toBe('good');
    expect(classifyFailures(9, 1000)).toBe('good');
    expect(classifyFailures(1, 100)).toBe('fair');
    expect(classifyFailures(3, 300)).toBe('fair');
    expect(classifyFailures(10, 100)).toBe('fair');
    expect(classifyFailures(11, 100)).toBe('bad');
    expect(classifyFailureRatio(0.01)).toBe('fair');
    expect(classifyFailureRatio(3 / 300)).toBe('fair');
    expect(classifyFailureRatio(0.1)).toBe('fair');
    expect(classifyFailureRatio(0.1000001)).toBe('bad');
    expect(classifyFailureRatio(0.0099)).toBe('good');
    // Ratios derived from a success ratio keep their exact meaning.
    expect(classifyFailureRatio(1 - 0.99)).toBe('fair');
    expect(classifyFailureRatio(1 - (1 - 0.1))).toBe('fair');
    expect(classifyFailureRatio(1 - 0.9899)).toBe('fair');
  });
});
