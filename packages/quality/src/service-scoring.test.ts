import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compileFormula } from './indicator-formula.js';
import { createHistogram, recordLatency } from './latency-histogram.js';
import {
  DEFAULT_FAMILY_WEIGHTS,
  scoreKpi,
  scoreService,
  volumeWeightedScore,
  type KpiScore,
  type ScoringIndicator,
} from './service-scoring.js';

const successPercent = (
  id: string,
  [good, bad]: readonly [number, number],
  critical: boolean,
): ScoringIndicator => ({
  id,
  family: 'reliability',
  formula: compileFormula('value', { value: 'number', samples: 'number' }),
  scoring: 'thresholds',
  thresholds: { direction: 'higher_is_better', good, bad, interpolation: 'log', isSuccessPercent: true },
  minSamples: 30,
  critical,
  weight: 1,
  outcome: false,
});

const policy = { familyWeights: DEFAULT_FAMILY_WEIGHTS, criticalFamilies: ['reliability'] };

describe('scoreKpi', () => {
  it('scores the seeds’ 手机报 reliability KPIs (§e.3)', () => {
    expect(scoreKpi(successPercent('paper', [98, 90], true), { value: 96, samples: 500 }).score).toBe(3.28);
    expect(scoreKpi(successPercent('mms', [95, 85], false), { value: 93, samples: 500 }).score).toBe(3.77);
    expect(scoreKpi(successPercent('dispatch', [99.5, 97], false), { value: 99.6, samples: 500 }).score).toBe(
      5,
    );
  });

  it('reports too few samples as insufficient with the value but no score, and none as no data', () => {
    const indicator = successPercent('paper', [98, 90], true);
    expect(scoreKpi(indicator, { value: 96, samples: 29 })).toMatchObject({
      status: 'insufficient',
      value: 96,
      score: null,
    });
    expect(scoreKpi(indicator, { value: 96, samples: 0 })).toMatchObject({ status: 'no_data', score: null });
    expect(scoreKpi(indicator, { samples: 100 })).toMatchObject({ status: 'no_data', value: null });
  });

  it('scores Apdex by its rating bands: the §d.1 example (0.885) is "Good", 4', () => {
    const latency = createHistogram();
    for (let i = 0; i < 820; i += 1) recordLatency(latency, 1000);
    for (let i = 0; i < 130; i += 1) recordLatency(latency, 5000);
    for (let i = 0; i < 50; i += 1) recordLatency(latency, 20_000);
    const apdex: ScoringIndicator = {
      ...successPercent('apdex', [0.94, 0.5], false),
      family: 'efficiency',
      formula: compileFormula('apdex(latency, 2000)', { latency: 'histogram', samples: 'number' }),
      scoring: 'apdex',
    };
    expect(scoreKpi(apdex, { latency, samples: 1000 })).toMatchObject({ value: 0.885, score: 4 });
  });

  it('scores tiers exactly at the seed thresholds: 2 s fast → 5, 10 s very slow → 1, 1 % → 5, 10 % → 1', () => {
    const latencyIndicator: ScoringIndicator = {
      ...successPercent('p90', [2, 10], false),
      formula: compileFormula('value', { value: 'number', samples: 'number' }),
      thresholds: { direction: 'lower_is_better', good: 2, tolerable: 5, bad: 10, interpolation: 'log' },
    };
    expect(scoreKpi(latencyIndicator, { value: 2, samples: 100 }).score).toBe(5);
    expect(scoreKpi(latencyIndicator, { value: 5, samples: 100 }).score).toBe(3);
    expect(scoreKpi(latencyIndicator, { value: 10, samples: 100 }).score).toBe(1);
    const failure: ScoringIndicator = {
      ...latencyIndicator,
      thresholds: { direction: 'lower_is_better', good: 1, bad: 10, interpolation: 'log' },
    };
    expect(scoreKpi(failure, { value: 1, samples: 100 }).score).toBe(5);
    expect(scoreKpi(failure, { value: 10, samples: 100 }).score).toBe(1);
    expect(scoreKpi(failure, { value: Math.sqrt(10), samples: 100 }).score).toBe(3);
  });
});

describe('scoreService', () => {
  const kpi = (
    indicatorId: string,
    [family, score]: [string, number | null],
    critical = false,
  ): KpiScore => ({
    indicatorId,
    family,
    value: score,
    score,
    samples: 100,
    status: score === null ? 'no_data' : 'ok',
    critical,
  });

  it('caps the 手机报 reliability KQI by its critical KPI (3.28, not the mean 4.02)', () => {
    const result = scoreService(
      [
        kpi('paper', ['reliability', 3.28], true),
        kpi('mms', ['reliability', 3.77]),
        kpi('dispatch', ['reliability', 5]),
      ],
      policy,
    );
    expect(result.kqis).toEqual([
      expect.objectContaining({ family: 'reliability', score: 3.28, cappedByCritical: true }),
    ]);
    expect(result.score).toBe(3.28);
    expect(result.worstKpi).toEqual({ key: 'paper', score: 3.28 });
  });

  it('weighs KQIs by family and names the worst KQI and KPI', () => {
    const result = scoreService(
      [kpi('fail', ['reliability', 5]), kpi('p90', ['efficiency', 2]), kpi('white', ['usability', 4])],
      { familyWeights: DEFAULT_FAMILY_WEIGHTS, criticalFamilies: [] },
    );
    // (0.35·5 + 0.30·2 + 0.15·4) / 0.80
    expect(result.score).toBe(3.69);
    expect(result.worstKqi).toEqual({ key: 'efficiency', score: 2 });
    expect(result.worstKpi).toEqual({ key: 'p90', score: 2 });
  });

  it('never scores a service without data, and capacity KPIs do not move the customer score', () => {
    expect(scoreService([kpi('fail', ['reliability', null])], policy).score).toBeNull();
    const withCapacity = scoreService([kpi('fail', ['reliability', 4]), kpi('cpu', ['capacity', 1])], policy);
    expect(withCapacity.score).toBe(4);
    expect(withCapacity.worstKpi).toEqual({ key: 'fail', score: 4 });
  });

  it('stays within its KQIs’ range and never yields NaN (property)', () => {
    const families = ['reliability', 'efficiency', 'usability', 'integrity'];
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            family: fc.constantFrom(...families),
            score: fc.option(fc.double({ min: 1, max: 5, noNaN: true }), { nil: null }),
            critical: fc.boolean(),
          }),
          { maxLength: 12 },
        ),
        (parts) => {
          const kpis = parts.map((part, index) => kpi(`k${index}`, [part.family, part.score], part.critical));
          const result = scoreService(kpis, policy);
          const scored = result.kqis.flatMap((kqi) => (kqi.score === null ? [] : [kqi.score]));
          if (scored.length === 0) return result.score === null;
          return (
            result.score !== null &&
            !Number.isNaN(result.score) &&
            result.score >= Math.min(...scored) - 0.01 &&
            result.score <= Math.max(...scored) + 0.01
          );
        },
      ),
    );
  });
});

describe('volumeWeightedScore', () => {
  it('weighs members by volume and keeps the worst beside the average', () => {
    const result = volumeWeightedScore([
      { key: 'payment', score: 5, volume: 900 },
      { key: 'bill_query', score: 1, volume: 100 },
      { key: 'recharge', score: null, volume: 50 },
    ]);
    expect(result).toEqual({ score: 4.6, worst: { key: 'bill_query', score: 1 }, volume: 1050, scored: 2 });
  });

  it('lies between the lowest and highest member score (property)', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            score: fc.double({ min: 1, max: 5, noNaN: true }),
            volume: fc.nat({ max: 1_000_000 }),
          }),
          { minLength: 1, maxLength: 20 },
        ),
        (parts) => {
          const result = volumeWeightedScore(parts.map((part, index) => ({ key: `s${index}`, ...part })));
          const scores = parts.map((part) => part.score);
          return (
            result.score !== null &&
            result.score >= Math.min(...scores) - 0.01 &&
            result.score <= Math.max(...scores) + 0.01
          );
        },
      ),
    );
  });
});
