import { describe, expect, it } from 'vitest';
import { findDefinitionProblems } from '../indicator-definition.js';
import { BUILTIN_INDICATORS } from './index.js';

describe('built-in indicator catalogue', () => {
  it('holds the 68 indicators of the seeds’ catalogue, 18 resource, 26 platform and 24 experience, ids unique', () => {
    expect(BUILTIN_INDICATORS).toHaveLength(68);
    const byLayer = (layer: string) =>
      BUILTIN_INDICATORS.filter((indicator) => indicator.layer === layer).length;
    expect([byLayer('resource'), byLayer('platform'), byLayer('experience')]).toEqual([18, 26, 24]);
    expect(new Set(BUILTIN_INDICATORS.map((indicator) => indicator.id)).size).toBe(68);
  });

  it('has only definitions that compile and whose thresholds are usable', () => {
    const problems = BUILTIN_INDICATORS.flatMap((indicator) =>
      findDefinitionProblems(indicator).map((issue) => `${indicator.id}.${issue.path}: ${issue.message}`),
    );
    expect(problems).toEqual([]);
  });

  it('keeps the seed tiers: response 2 s / 5 s / 10 s, failure 1 % / 10 %', () => {
    const page = BUILTIN_INDICATORS.find((indicator) => indicator.id === 'page_open_time_p90');
    expect(page?.thresholds).toEqual({ good: 2, tolerable: 5, bad: 10 });
    const failure = BUILTIN_INDICATORS.find((indicator) => indicator.id === 'txn_failure_rate');
    expect(failure).toMatchObject({ thresholds: { good: 1, bad: 10 }, interpolation: 'log', critical: true });
  });
});

describe('indicator definition problems', () => {
  const base = BUILTIN_INDICATORS.find((indicator) => indicator.id === 'txn_failure_rate');
  if (!base) throw new Error('txn_failure_rate missing');

  it('names the formula field for unknown measurements and constant zero divisors', () => {
    expect(findDefinitionProblems({ ...base, formula: '100 * errors / count' })).toEqual([
      {
        path: 'formula',
        message: expect.stringContaining('unknown measurement "errors"') as string,
        code: 'invalid_formula',
        params: { detail: expect.stringContaining('unknown measurement "errors"') as string },
      },
    ]);
    expect(findDefinitionProblems({ ...base, formula: 'failures / 0' })).toEqual([
      {
        path: 'formula',
        message: 'divides by a constant zero',
        code: 'invalid_formula',
        params: { detail: 'divides by a constant zero' },
      },
    ]);
  });

  it('rejects inconsistent thresholds with the field they belong to', () => {
    expect(findDefinitionProblems({ ...base, thresholds: { good: 10, tolerable: null, bad: 1 } })).toEqual([
      { path: 'thresholds.bad', message: 'good (10) must be below bad (1) when lower is better' },
    ]);
    expect(findDefinitionProblems({ ...base, thresholds: { good: 1, tolerable: 20, bad: 10 } })).toEqual([
      { path: 'thresholds.tolerable', message: 'tolerable (20) must lie strictly between good and bad' },
    ]);
  });
});
