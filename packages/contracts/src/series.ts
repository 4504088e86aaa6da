import { z } from 'zod';

export const resolutionSchema = z.enum(['minute', 'hour', 'day']);
export type Resolution = z.infer<typeof resolutionSchema>;

/**
 * Response-time tiers from the seeds: fast < 2 s, slow 2–5 s, sluggish 5–10 s, very slow > 10 s.
 * Counts, so shares are exact and sum across series.
 */
export const tierCountsSchema = z.object({
  fast: z.number().int(),
  slow: z.number().int(),
  sluggish: z.number().int(),
  verySlow: z.number().int(),
});
export type TierCounts = z.infer<typeof tierCountsSchema>;

export const seriesPointSchema = z.object({
  /** Bucket start, ISO 8601. */
  t: z.string(),
  count: z.number().int(),
  failures: z.number().int(),
  p50Ms: z.number().nullable(),
  p95Ms: z.number().nullable(),
  p99Ms: z.number().nullable(),
  meanMs: z.number().nullable(),
});
export type SeriesPoint = z.infer<typeof seriesPointSchema>;

export const checkSeriesSchema = z.object({
  resolution: resolutionSchema,
  from: z.string(),
  to: z.string(),
  points: z.array(seriesPointSchema),
  total: z.object({
    count: z.number().int(),
    failures: z.number().int(),
    p50Ms: z.number().nullable(),
    p95Ms: z.number().nullable(),
    tiers: tierCountsSchema,
  }),
});
export type CheckSeries = z.infer<typeof checkSeriesSchema>;
