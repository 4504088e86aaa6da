import { describe, expect, it } from 'vitest';
import { compileFormula, type MeasurementCatalog } from './indicator-formula.js';
import { createHistogram, recordLatency } from './latency-histogram.js';

const ROLLUP: MeasurementCatalog = {
  count: 'number',
  failures: 'number',
  latency_sum: 'number',
  latency: 'histogram',
};

function histogramOf(values: readonly number[]) {
  const histogram = createHistogram();
  for (const value of values) recordLatency(histogram, value);
  return histogram;
}

describe('indicator formulas', () => {
  it('computes a failure ratio from summed numerator and denominator, and null for no attempts', () => {
    const formula = compileFormula('100 * failures / count', ROLLUP);
    expect(formula.measurements).toEqual(['count', 'failures']);
    expect(formula.evaluate({ count: 400, failures: 6 })).toBe(1.5);
    expect(formula.evaluate({ count: 0, failures: 0 })).toBeNull();
    expect(formula.evaluate({})).toBeNull();
  });

  it('reads percentiles, tier shares and Apdex from the merged histogram', () => {
    // The seed Apdex example: T = 2 s, 1 000 opens: 820 ≤ 2 s, 130 in (2, 8] s, 50 beyond.
    const latency = histogramOf([
      ...Array<number>(820).fill(1500),
      ...Array<number>(130).fill(4000),
      ...Array<number>(50).fill(12_000),
    ]);
    expect(compileFormula('share_at_most(latency, 2000)', ROLLUP).evaluate({ latency })).toBe(0.82);
    expect(compileFormula('apdex(latency, 2000)', ROLLUP).evaluate({ latency })).toBeCloseTo(0.885, 6);
    // The median sample is 1.5 s; the estimate is within 1 % of it.
    const median = compileFormula('quantile(latency, 0.5) / 1000', ROLLUP).evaluate({ latency }) ?? 0;
    expect(Math.abs(median - 1.5) / 1.5).toBeLessThanOrEqual(0.01);
  });

  it('tells "< bound" from "≤ bound" exactly: a 2,000 ms response is not fast but satisfies T = 2 s', () => {
    const latency = histogramOf([1999, 2000, 2000, 8000, 8001]);
    expect(compileFormula('share_below(latency, 2000)', ROLLUP).evaluate({ latency })).toBe(0.2);
    expect(compileFormula('share_at_most(latency, 2000)', ROLLUP).evaluate({ latency })).toBe(0.6);
    // satisfied: 1999, 2000, 2000; tolerating (2 s, 8 s]: 8000; frustrated: 8001.
    expect(compileFormula('apdex(latency, 2000)', ROLLUP).evaluate({ latency })).toBeCloseTo(0.7, 9);
    expect(
      compileFormula('quantile(latency, 0.95)', ROLLUP).evaluate({ latency: createHistogram() }),
    ).toBeNull();
  });

  it('rejects unknown measurements and functions, constant zero divisors and misuse, naming each problem', () => {
    expect(() => compileFormula('errors / count', ROLLUP)).toThrow(
      'unknown measurement "errors" (known: count, failures, latency, latency_sum)',
    );
    expect(() => compileFormula('failures / 0', ROLLUP)).toThrow('divides by a constant zero');
    expect(() => compileFormula('failures / (2 - 2 * 1)', ROLLUP)).toThrow('divides by a constant zero');
    expect(() => compileFormula('failures / (1 - 1 * 0) / -0', ROLLUP)).toThrow('divides by a constant zero');
    expect(() => compileFormula('p95(latency)', ROLLUP)).toThrow('unknown function "p95"');
    expect(() => compileFormula('latency / count', ROLLUP)).toThrow('"latency" is a histogram');
    expect(() => compileFormula('latency', ROLLUP)).toThrow('the formula must produce a number');
    expect(() => compileFormula('share_at_most(latency, 2500)', ROLLUP)).toThrow('exact histogram bound');
    expect(() => compileFormula('quantile(latency, count)', ROLLUP)).toThrow('argument 2 must be a constant');
    expect(() => compileFormula('quantile(latency, 1.5)', ROLLUP)).toThrow('quantile must be in (0, 1]');
    expect(() => compileFormula('count.total', ROLLUP)).toThrow('member expressions are not allowed');
    expect(() => compileFormula('failures /', ROLLUP)).toThrow(/^syntax: .* at character \d+/);
  });

  it('measures SLA compliance and Apdex against a per-business target held in a measurement', () => {
    const catalog = { latency: 'histogram', sla_ms: 'number' } as const;
    const latency = createHistogram();
    for (const ms of [500, 2500, 2900, 3100, 20_000]) recordLatency(latency, ms);
    const compliance = compileFormula('100 * share_within(latency, sla_ms)', catalog);
    // 3 s is an exact bound: exactly 3 of 5 samples are within it.
    expect(compliance.evaluate({ latency, sla_ms: 3000 })).toBe(60);
    expect(compliance.evaluate({ latency, sla_ms: null })).toBeNull();
    expect(compliance.evaluate({ latency: createHistogram(), sla_ms: 3000 })).toBeNull();
    const apdex = compileFormula('apdex_at(latency, sla_ms)', catalog);
    // T = 3 s: 3 satisfied, 1 tolerating (3.1 s ≤ 12 s), 1 frustrated.
    expect(apdex.evaluate({ latency, sla_ms: 3000 })).toBeCloseTo(0.7, 5);
  });

  it('never yields NaN or infinity', () => {
    const formula = compileFormula('(failures - count) / (count - count)', ROLLUP);
    expect(formula.evaluate({ count: 5, failures: 1 })).toBeNull();
  });
});
