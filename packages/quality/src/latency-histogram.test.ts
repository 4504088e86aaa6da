import { describe, expect, it } from 'vitest';
import {
  LATENCY_BUCKET_COUNT,
  bucketIndexOf,
  createHistogram,
  histogramQuantile,
  mergeHistogramInto,
  recordLatency,
} from './latency-histogram.js';
import { computeTierCounts, classifyFailureRatio } from './response-tiers.js';

describe('latency histogram', () => {
  it('puts a sample equal to a bound into that bound’s bucket', () => {
    expect(bucketIndexOf(2000)).toBe(bucketIndexOf(1999));
    expect(bucketIndexOf(2001)).toBe(bucketIndexOf(2000) + 1);
    expect(bucketIndexOf(999_999)).toBe(LATENCY_BUCKET_COUNT - 1);
  });

  it('reports null quantiles for an empty histogram instead of a number', () => {
    expect(histogramQuantile(createHistogram(), 0.5)).toBeNull();
  });

  it('interpolates the median inside its bucket', () => {
    const histogram = createHistogram();
    for (let i = 0; i < 10; i++) recordLatency(histogram, 150); // bucket (100, 200]
    expect(histogramQuantile(histogram, 0.5)).toBe(150);
    expect(histogramQuantile(histogram, 1)).toBe(200);
  });

  it('merges by adding counts', () => {
    const a = createHistogram();
    const b = createHistogram();
    recordLatency(a, 10);
    recordLatency(b, 10);
    recordLatency(b, 40_000);
    const merged = mergeHistogramInto(a, b);
    expect(merged[0]).toBe(2);
    expect(merged.reduce((sum, n) => sum + n, 0)).toBe(3);
  });

  it('splits into the seed tiers exactly at 2 s, 5 s and 10 s', () => {
    const histogram = createHistogram();
    for (const ms of [100, 2000, 2001, 5000, 5001, 10_000, 10_001, 90_000]) recordLatency(histogram, ms);
    expect(computeTierCounts(histogram)).toEqual({ fast: 2, slow: 2, sluggish: 2, verySlow: 2 });
  });

  it('classifies failure ratios with the seed tiers', () => {
    expect(classifyFailureRatio(0.005)).toBe('good');
    expect(classifyFailureRatio(0.05)).toBe('fair');
    expect(classifyFailureRatio(0.2)).toBe('bad');
  });
});
