import { describe, expect, it } from 'vitest';
import { indicatorInputSchema, type KpiResult } from '@ganzhi/contracts';
import { currentValuesOf } from './indicator-current-values.js';
import { compileIndicator } from './indicator-definition.js';

const failureRate = compileIndicator(
  indicatorInputSchema.parse({
    id: 'txn_failure_rate',
    name: { zh: '交易失败率', en: 'Transaction failure rate' },
    layer: 'platform',
    dimension: 'business_ops',
    family: 'reliability',
    source: 'transactions',
    formula: '100 * failures / count',
    unit: '%',
    direction: 'lower_is_better',
    thresholds: { good: 1, bad: 10 },
    minSamples: 30,
  }),
);

const kpi = (value: number | null, samples: number): KpiResult => ({
  indicatorId: 'txn_failure_rate',
  family: 'reliability',
  layer: 'platform',
  source: 'transactions',
  value,
  score: null,
  samples,
  status: 'ok',
  critical: false,
});

describe('currentValuesOf', () => {
  it('weighs each service by its samples and scores the mean against the thresholds', () => {
    const [current] = currentValuesOf([failureRate], [[kpi(10, 100)], [kpi(0, 300)], [kpi(null, 50)]]);
    // (10 × 100 + 0 × 300) / 400 = 2.5 %; the service without a value counts for nothing.
    expect(current).toMatchObject({ value: 2.5, samples: 400, services: 2, status: 'ok' });
    expect(current?.score).toBeCloseTo(3.41, 2);
  });

  it('keeps the value but gives no score below the minimum samples, and no value without any', () => {
    expect(currentValuesOf([failureRate], [[kpi(4, 12)]])[0]).toMatchObject({
      value: 4,
      score: null,
      status: 'insufficient',
    });
    expect(currentValuesOf([failureRate], [])[0]).toEqual({
      indicatorId: 'txn_failure_rate',
      value: null,
      score: null,
      samples: 0,
      services: 0,
      status: 'no_data',
    });
  });
});
