import type { TransactionGroupBy, TransactionSeries } from '@ganzhi/contracts';

/** The response tiers of the seeds: < 2 s, 2–5 s, 5–10 s, > 10 s. */
export const TIER_KEYS = ['fast', 'slow', 'sluggish', 'verySlow'] as const;
export type TierKey = (typeof TIER_KEYS)[number];

/** One group of the side-by-side table, ratios 0–1. */
export interface ComparisonRow {
  /** The group's code; `all` without grouping, `—` for transactions that lack the compared dimension. */
  readonly key: string;
  readonly count: number;
  readonly failures: number;
  readonly failureRatio: number;
  readonly p50Ms: number | null;
  readonly p95Ms: number | null;
  readonly p99Ms: number | null;
  readonly tierShares: Readonly<Record<TierKey, number>>;
  /** Whether a click can narrow the view to this group (a real code of the compared dimension). */
  readonly isFilterable: boolean;
}

/** Mirrors the contracts' dimension code, so a group that is not a code (`—`) is never sent back as a filter. */
const CODE = /^[a-z0-9][a-z0-9_-]*$/;

/** The table's rows: groups with transactions, largest first. */
export function comparisonRowsOf(series: TransactionSeries | undefined): ComparisonRow[] {
  if (!series) return [];
  return series.groups
    .filter((group) => group.totals.count > 0)
    .map(({ key, totals }) => ({
      key,
      count: totals.count,
      failures: totals.failures,
      failureRatio: totals.failures / totals.count,
      p50Ms: totals.p50Ms,
      p95Ms: totals.p95Ms,
      p99Ms: totals.p99Ms,
      tierShares: {
        fast: totals.tiers.fast / totals.count,
        slow: totals.tiers.slow / totals.count,
        sluggish: totals.tiers.sluggish / totals.count,
        verySlow: totals.tiers.verySlow / totals.count,
      },
      isFilterable: series.groupBy !== 'none' && CODE.test(key),
    }))
    .sort((a, b) => b.count - a.count);
}

/** A sorter for a numeric column; rows without a value (no percentile) sort below every value. */
export function compareRowsBy(
  pick: (row: ComparisonRow) => number | null,
): (a: ComparisonRow, b: ComparisonRow) => number {
  return (a, b) => (pick(a) ?? Number.NEGATIVE_INFINITY) - (pick(b) ?? Number.NEGATIVE_INFINITY);
}

/** The filter a row click applies: only that group, no longer compared. Null when the row is not a group. */
export function narrowingOf(
  row: ComparisonRow,
  compare: TransactionGroupBy,
): { readonly key: Exclude<TransactionGroupBy, 'none'>; readonly code: string } | null {
  if (compare === 'none' || !row.isFilterable) return null;
  return { key: compare, code: row.key };
}
