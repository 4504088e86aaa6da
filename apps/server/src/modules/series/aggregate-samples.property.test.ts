import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  createHistogram,
  histogramCount,
  mergeHistogramInto,
  recordLatency,
  startOfMinute,
} from '@ganzhi/quality';
import { aggregateSamples, type SeriesSample } from './series-service.js';

const sample: fc.Arbitrary<SeriesSample> = fc.record({
  seriesKey: fc.constantFrom(
    'tx|payment|hall|changsha|',
    'tx|payment|ivr|changsha|',
    'tx|bill_query|app|loudi|mvc',
  ),
  timeMs: fc.integer({ min: Date.UTC(2026, 10, 30), max: Date.UTC(2026, 10, 30, 1) }),
  latencyMs: fc.integer({ min: 0, max: 90_000 }),
  failed: fc.boolean(),
});

describe('aggregating a batch into minute deltas', () => {
  it('keeps every sample exactly once: per series and minute, counts, failures, sums and histograms add up', () => {
    fc.assert(
      fc.property(fc.array(sample, { maxLength: 300 }), (samples) => {
        const deltas = aggregateSamples(samples);
        const keys = deltas.map((delta) => `${delta.seriesKey}|${delta.bucketStart}`);
        expect(new Set(keys).size).toBe(keys.length);
        for (const delta of deltas) {
          const members = samples.filter(
            (s) => s.seriesKey === delta.seriesKey && startOfMinute(s.timeMs) === delta.bucketStart,
          );
          const histogram = createHistogram();
          for (const member of members) recordLatency(histogram, member.latencyMs);
          expect(delta).toEqual({
            seriesKey: delta.seriesKey,
            bucketStart: delta.bucketStart,
            count: members.length,
            failures: members.filter((m) => m.failed).length,
            latencySumMs: members.reduce((sum, m) => sum + m.latencyMs, 0),
            histogram,
          });
        }
        const total = deltas.reduce(
          (sum, delta) => mergeHistogramInto(sum, delta.histogram),
          createHistogram(),
        );
        expect(histogramCount(total)).toBe(samples.length);
      }),
    );
  });
});
