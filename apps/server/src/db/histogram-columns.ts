import { LATENCY_BUCKET_COUNT } from '@ganzhi/quality';
import type { RollupTable } from './schema.js';

export type HistogramColumn = Extract<keyof RollupTable, `b${number}`>;

/** b00 … b18: one column per latency bucket of @ganzhi/quality, in bucket order. */
export const HISTOGRAM_COLUMNS: readonly HistogramColumn[] = Array.from(
  { length: LATENCY_BUCKET_COUNT },
  (_, index) => `b${String(index).padStart(2, '0')}` as HistogramColumn,
);

// The schema has exactly 19 bucket columns; changing the bounds' count needs a migration, not just a new constant.
if (LATENCY_BUCKET_COUNT !== 19) {
  throw new Error(
    `rollup tables hold 19 histogram buckets but @ganzhi/quality defines ${LATENCY_BUCKET_COUNT}`,
  );
}
