import type { TransactionGroup, TransactionSeries } from '@ganzhi/contracts';
import { describe, expect, it } from 'vitest';
import { compareRowsBy, comparisonRowsOf, narrowingOf } from './comparison-rows';

const group = (key: string, count: number, failures: number): TransactionGroup => ({
  key,
  totals: {
    count,
    failures,
    p50Ms: count > 0 ? 800 : null,
    p95Ms: count > 0 ? 2400 : null,
    p99Ms: count > 0 ? 6000 : null,
    tiers: { fast: count / 2, slow: count / 4, sluggish: count / 4, verySlow: 0 },
  },
  points: [],
});

const series = (groups: TransactionGroup[]): TransactionSeries => ({
  resolution: 'minute',
  from: '2026-11-30T05:00:00.000Z',
  to: '2026-11-30T06:00:00.000Z',
  groupBy: 'channel',
  totals: group('all', 0, 0).totals,
  groups,
});

describe('comparison rows', () => {
  it('lists groups with transactions, largest first, with failure ratio and tier shares', () => {
    const rows = comparisonRowsOf(series([group('ivr', 100, 5), group('hall', 400, 4), group('app', 0, 0)]));
    expect(rows.map((row) => row.key)).toEqual(['hall', 'ivr']);
    expect(rows[1]).toMatchObject({
      count: 100,
      failures: 5,
      failureRatio: 0.05,
      tierShares: { fast: 0.5, slow: 0.25, sluggish: 0.25, verySlow: 0 },
      isFilterable: true,
    });
    expect(comparisonRowsOf(undefined)).toEqual([]);
  });

  it('narrows to a group on click, but never to transactions that lack the dimension', () => {
    const [hall, unset] = comparisonRowsOf(series([group('hall', 10, 0), group('—', 5, 0)]));
    if (!hall || !unset) throw new Error('expected two rows');
    expect(narrowingOf(hall, 'channel')).toEqual({ key: 'channel', code: 'hall' });
    expect(unset.isFilterable).toBe(false);
    expect(narrowingOf(unset, 'channel')).toBeNull();
    expect(narrowingOf(hall, 'none')).toBeNull();
  });

  it('sorts rows without a percentile below the others', () => {
    const rows = comparisonRowsOf(series([group('a', 10, 0), group('b', 20, 0)]));
    const withGap = [{ ...rows[0], p95Ms: null }, rows[1]] as typeof rows;
    const sorted = [...withGap].sort(compareRowsBy((row) => row.p95Ms));
    expect(sorted.map((row) => row.p95Ms)).toEqual([null, 2400]);
  });
});
