import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  findThresholdProblems,
  rollUpScores,
  scoreApdex,
  scoreValue,
  type ScoreThresholds,
} from './tolerance-score.js';

const RESPONSE: ScoreThresholds = {
  direction: 'lower_is_better',
  good: 2000,
  tolerable: 5000,
  bad: 10_000,
  interpolation: 'log',
};

describe('scoring a KPI value on the 1–5 tolerance scale', () => {
  it('scores the seed response times: 3.5 s → 3.78, 7 s → 2.03, ≤ 2 s → 5, ≥ 10 s → 1', () => {
    expect(scoreValue(3500, RESPONSE)).toBe(3.78);
    expect(scoreValue(7000, RESPONSE)).toBe(2.03);
    expect([scoreValue(2000, RESPONSE), scoreValue(150, RESPONSE)]).toEqual([5, 5]);
    expect([scoreValue(10_000, RESPONSE), scoreValue(60_000, RESPONSE)]).toEqual([1, 1]);
    expect(scoreValue(5000, RESPONSE)).toBe(3);
  });

  it('puts the default tolerable failure rate at √(1 % · 10 %) = 3.16 %, scoring 3', () => {
    const failure: ScoreThresholds = { direction: 'lower_is_better', good: 1, bad: 10, interpolation: 'log' };
    expect(scoreValue(Math.sqrt(10), failure)).toBe(3);
    expect(scoreValue(1, failure)).toBe(5);
  });

  it('scores a success percentage by its failure share (96 % receipt, good 98, bad 90 → 3.28)', () => {
    const receipt: ScoreThresholds = {
      direction: 'higher_is_better',
      good: 98,
      bad: 90,
      interpolation: 'log',
      isSuccessPercent: true,
    };
    expect(scoreValue(96, receipt)).toBe(3.28);
  });

  it('interpolates linearly when asked, e.g. utilisation with a good value of 0', () => {
    const linear: ScoreThresholds = {
      direction: 'lower_is_better',
      good: 0,
      bad: 100,
      interpolation: 'linear',
    };
    expect([
      scoreValue(0, linear),
      scoreValue(25, linear),
      scoreValue(50, linear),
      scoreValue(100, linear),
    ]).toEqual([5, 4, 3, 1]);
  });

  it('never rises as a lower-is-better value grows, and stays within 1–5', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0, max: 1e6, noNaN: true }),
        fc.double({ min: 0, max: 1e6, noNaN: true }),
        (a, b) => {
          const [low, high] = a <= b ? [a, b] : [b, a];
          const [sLow, sHigh] = [scoreValue(low, RESPONSE), scoreValue(high, RESPONSE)];
          expect(sLow).toBeGreaterThanOrEqual(sHigh);
          expect(sHigh).toBeGreaterThanOrEqual(1);
          expect(sLow).toBeLessThanOrEqual(5);
        },
      ),
    );
  });

  it('rejects inconsistent thresholds with a precise message', () => {
    expect(findThresholdProblems({ ...RESPONSE, good: 10_000, bad: 2000 })).toEqual([
      'good (10000) must be below bad (2000) when lower is better',
      'tolerable (5000) must lie strictly between good and bad',
    ]);
    expect(
      findThresholdProblems({ direction: 'lower_is_better', good: 0, bad: 5, interpolation: 'log' }),
    ).toEqual(['log interpolation needs a good threshold above zero (use linear for 0)']);
    expect(() => scoreValue(1, { ...RESPONSE, tolerable: 20_000 })).toThrow(/tolerable/);
    expect(findThresholdProblems(RESPONSE)).toEqual([]);
  });

  it('maps Apdex bands: 0.885 is Good, 4', () => {
    expect([scoreApdex(0.97), scoreApdex(0.885), scoreApdex(0.7), scoreApdex(0.5), scoreApdex(0.2)]).toEqual([
      5, 4, 3, 2, 1,
    ]);
  });
});

describe('rolling scores up', () => {
  it('caps the 手机报 reliability KQI by its critical KPI: mean 4.02, critical 3.28 → 3.28', () => {
    const kqi = rollUpScores([
      { key: 'paper_receipt_success_rate', score: 3.28, weight: 1, critical: true },
      { key: 'mms_delivery_success_rate', score: 3.77, weight: 1 },
      { key: 'platform_dispatch_success_rate', score: 5, weight: 1 },
    ]);
    expect(kqi).toEqual({
      score: 3.28,
      worst: { key: 'paper_receipt_success_rate', score: 3.28 },
      cappedByCritical: true,
    });
  });

  it('drops parts without data and renormalises the weights; no data at all is no score', () => {
    expect(
      rollUpScores([
        { key: 'a', score: 4, weight: 3 },
        { key: 'b', score: null, weight: 5 },
        { key: 'c', score: 2, weight: 1 },
      ]).score,
    ).toBe(3.5);
    expect(rollUpScores([{ key: 'a', score: null, weight: 1 }])).toEqual({
      score: null,
      worst: null,
      cappedByCritical: false,
    });
  });

  it('always lies between the worst and the best part with data', () => {
    const part = fc.record({
      key: fc.string(),
      score: fc.option(fc.double({ min: 1, max: 5, noNaN: true }), { nil: null }),
      weight: fc.double({ min: 0.01, max: 10, noNaN: true }),
      critical: fc.boolean(),
    });
    fc.assert(
      fc.property(fc.array(part, { minLength: 1, maxLength: 12 }), (parts) => {
        const scores = parts.flatMap((p) => (p.score === null ? [] : [p.score]));
        const result = rollUpScores(parts);
        if (scores.length === 0) {
          expect(result.score).toBeNull();
          return;
        }
        expect(result.score).toBeGreaterThanOrEqual(Math.min(...scores) - 0.005);
        expect(result.score).toBeLessThanOrEqual(Math.max(...scores) + 0.005);
        expect(result.worst?.score).toBe(Math.min(...scores));
      }),
    );
  });
});
