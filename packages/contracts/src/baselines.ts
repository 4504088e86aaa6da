import { z } from 'zod';
import { dimensionCodeSchema } from './dimensions.js';
import { pageOf, pageQuerySchema } from './pagination.js';
import { safeText } from './safe-text.js';

/**
 * Baselines (服务基线): what a service's response time or failure ratio should be. Static ones come from SLA targets
 * and load tests; a "baseline version" (基线版本) freezes the profile of a reference period; the learned one is the
 * rolling profile by hour and kind of day, with month-end and month-start days as their own profiles.
 */
export const baselineMetricSchema = z.enum(['p50_ms', 'p95_ms', 'failure_ratio', 'volume']);
export type BaselineMetric = z.infer<typeof baselineMetricSchema>;

export const baselineInputSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('version'),
    name: z.string().trim().min(1, 'required').max(120),
    business: dimensionCodeSchema,
    channel: dimensionCodeSchema,
    region: dimensionCodeSchema.nullable().default(null),
    metric: baselineMetricSchema,
    /** The reference period whose profile is frozen. */
    from: z.iso.datetime({ offset: true }),
    to: z.iso.datetime({ offset: true }),
  }),
  z.object({
    kind: z.literal('static'),
    name: z.string().trim().min(1, 'required').max(120),
    business: dimensionCodeSchema,
    channel: dimensionCodeSchema,
    region: dimensionCodeSchema.nullable().default(null),
    metric: baselineMetricSchema,
    /** A load-test result or an agreed target, in the metric's unit. */
    value: z.number().finite().nonnegative(),
  }),
]);
export type BaselineInput = z.input<typeof baselineInputSchema>;

export const baselineSchema = z.object({
  id: z.string(),
  kind: z.enum(['version', 'static']),
  name: z.string(),
  business: z.string(),
  channel: z.string(),
  region: z.string().nullable(),
  metric: baselineMetricSchema,
  from: z.string().nullable(),
  to: z.string().nullable(),
  value: z.number().nullable(),
  /** Learned profile slots a version holds. */
  slots: z.number(),
  createdAt: z.string(),
});
export type Baseline = z.infer<typeof baselineSchema>;

export const BASELINE_SORT_FIELDS = ['createdAt', 'name'] as const;
export type BaselineSortField = (typeof BASELINE_SORT_FIELDS)[number];

/**
 * `GET /baselines`: newest first unless sorted by name, filtered by the service (`business`, `channel`), `region`,
 * `metric`, `kind` and part of the name (`text`).
 */
export const baselineListQuerySchema = pageQuerySchema({
  fields: BASELINE_SORT_FIELDS,
  fallback: 'createdAt:desc',
}).extend({
  business: dimensionCodeSchema.optional(),
  channel: dimensionCodeSchema.optional(),
  region: dimensionCodeSchema.optional(),
  metric: baselineMetricSchema.optional(),
  kind: z.enum(['version', 'static']).optional(),
  text: safeText().trim().min(1).max(200).optional(),
});
export type BaselineListQuery = z.infer<typeof baselineListQuerySchema>;
export const baselinePageSchema = pageOf(baselineSchema);
export type BaselinePage = z.infer<typeof baselinePageSchema>;

export const baselineComparisonQuerySchema = z.object({
  metric: baselineMetricSchema.default('p95_ms'),
  region: dimensionCodeSchema.optional(),
  from: z.iso.datetime({ offset: true }).optional(),
  to: z.iso.datetime({ offset: true }).optional(),
});

const bandPointSchema = z.object({
  time: z.string(),
  expected: z.number(),
  low: z.number(),
  high: z.number(),
});

export const baselineComparisonSchema = z.object({
  business: z.string(),
  channel: z.string(),
  region: z.string().nullable(),
  metric: baselineMetricSchema,
  from: z.string(),
  to: z.string(),
  /** Hourly values of the metric in the range (null where there was no data). */
  current: z.array(z.object({ time: z.string(), value: z.number().nullable(), samples: z.number() })),
  /** The learned band for each hour (missing where the slot has too little history). */
  learned: z.array(bandPointSchema),
  /** The SLA target (latency metrics) of the business, if any. */
  sla: z.number().nullable(),
  versions: z.array(
    z.object({
      id: z.string(),
      name: z.string(),
      kind: z.enum(['version', 'static']),
      points: z.array(z.object({ time: z.string(), expected: z.number() })),
    }),
  ),
  /** The latest hour against the learned baseline: current ÷ expected, flagged beyond the configured ratio. */
  deviation: z.object({
    time: z.string().nullable(),
    ratio: z.number().nullable(),
    flagged: z.boolean(),
    maxRatio: z.number(),
  }),
});
export type BaselineComparison = z.infer<typeof baselineComparisonSchema>;
