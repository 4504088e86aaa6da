import { z } from 'zod';
import { safeText } from './safe-text.js';
import { checkStatusSchema } from './check.js';
import { businessTypeSchema, dimensionCodeSchema } from './dimensions.js';
import { pageOf, pageQuerySchema } from './pagination.js';

/**
 * The layered indicator system (resource → platform → experience): every indicator is data — a formula over the
 * measurements of its source, thresholds on the 1–5 customer-tolerance scale, and where it sits (layer, dimension,
 * KQI family). Built-in definitions can be edited; new ones can be added in the console or as code.
 */

export const indicatorLayerSchema = z.enum(['resource', 'platform', 'experience']);
export type IndicatorLayer = z.infer<typeof indicatorLayerSchema>;

export const indicatorDimensionSchema = z.enum(['system_ops', 'business_ops', 'customer_perception']);
export type IndicatorDimension = z.infer<typeof indicatorDimensionSchema>;

export const kqiFamilySchema = z.enum(['efficiency', 'reliability', 'usability', 'integrity', 'capacity']);
export type KqiFamily = z.infer<typeof kqiFamilySchema>;
export const KQI_FAMILIES = kqiFamilySchema.options;

/**
 * Where an indicator's measurements come from, which fixes the names its formula may use:
 * - `probe`, `transactions`: rollups of probe runs or business transactions per service × region — `count`,
 *   `failures`, `latency` (histogram), `latency_sum_ms`, `minutes`, `failed_minutes`, and the business's `sla_ms`
 *   and `apdex_t_ms`;
 * - `resource`: per-system resource samples and capacity (`cpu_util_mean`, `running_index`, …);
 * - `external`: counters pushed by other systems (bills issued, complaints …), named in the catalogue.
 */
export const indicatorSourceSchema = z.enum(['probe', 'transactions', 'resource', 'external']);
export type IndicatorSource = z.infer<typeof indicatorSourceSchema>;

export const indicatorIdSchema = z
  .string()
  .min(2)
  .max(64)
  .regex(/^[a-z][a-z0-9_]*$/, 'use lower-case letters, digits and "_", starting with a letter');

const localisedTextSchema = z.object({
  zh: safeText().trim().min(1, 'required').max(120),
  en: safeText().trim().min(1, 'required').max(120),
});

export const indicatorThresholdsSchema = z.object({
  /** Value scoring 5. */
  good: z.number().finite(),
  /** Value scoring 3; defaults to √(good·bad) (log) or the midpoint (linear). */
  tolerable: z.number().finite().nullable().default(null),
  /** Value scoring 1. */
  bad: z.number().finite(),
});
export type IndicatorThresholds = z.infer<typeof indicatorThresholdsSchema>;

/** Which services an indicator applies to; an empty list means every one. */
export const indicatorAppliesToSchema = z.object({
  channels: z.array(dimensionCodeSchema).default([]),
  businessTypes: z.array(businessTypeSchema).default([]),
  businesses: z.array(dimensionCodeSchema).default([]),
});
export type IndicatorAppliesTo = z.infer<typeof indicatorAppliesToSchema>;

/** What can be written: a definition as code or from the console. */
export const indicatorInputSchema = z.object({
  id: indicatorIdSchema,
  name: localisedTextSchema,
  description: safeText().max(2000).default(''),
  layer: indicatorLayerSchema,
  dimension: indicatorDimensionSchema,
  family: kqiFamilySchema,
  source: indicatorSourceSchema,
  formula: safeText().trim().min(1, 'required').max(2000),
  unit: safeText().max(24).default(''),
  direction: z.enum(['lower_is_better', 'higher_is_better']),
  /** `thresholds`: interpolate between good/tolerable/bad; `apdex`: the Apdex rating bands. */
  scoring: z.enum(['thresholds', 'apdex']).default('thresholds'),
  interpolation: z.enum(['log', 'linear']).default('log'),
  /** A success percentage (0–100), scored as its failure share so that log interpolation works. */
  successPercent: z.boolean().default(false),
  thresholds: indicatorThresholdsSchema,
  /** Windows with fewer samples show "insufficient data", never a score. */
  minSamples: z.number().int().min(1).max(1_000_000).default(30),
  /** A critical KPI caps its KQI (the weakest link); `criticalFor` limits that to some business types. */
  critical: z.boolean().default(false),
  criticalFor: z.array(businessTypeSchema).default([]),
  weight: z.number().min(0).max(100).default(1),
  /** Outcome indicators (complaints, churn, satisfaction) are shown beside the score, not rolled into it. */
  outcome: z.boolean().default(false),
  appliesTo: indicatorAppliesToSchema.default({ channels: [], businessTypes: [], businesses: [] }),
  enabled: z.boolean().default(true),
});
export type IndicatorInput = z.input<typeof indicatorInputSchema>;
export type IndicatorDefinition = z.infer<typeof indicatorInputSchema>;

/** A definition as the API returns it: whether it is built in, and whether it differs from the built-in one. */
export const indicatorSchema = indicatorInputSchema.extend({
  builtin: z.boolean(),
  modified: z.boolean(),
  /** The measurements the formula reads. */
  measurements: z.array(z.string()),
});
export type Indicator = z.infer<typeof indicatorSchema>;

export const INDICATOR_SORT_FIELDS = ['catalogue', 'id', 'layer', 'family'] as const;
export type IndicatorSortField = (typeof INDICATOR_SORT_FIELDS)[number];

/**
 * `GET /indicators`: in catalogue order (the built-ins as the seeds list them, then custom ones by id) unless sorted
 * otherwise (the id breaks ties), filtered by `layer`, `family`, `source`, `dimension`, `builtin`, `enabled` and part
 * of the id, either name or the formula (`text`).
 */
export const indicatorListQuerySchema = pageQuerySchema({
  fields: INDICATOR_SORT_FIELDS,
  fallback: 'catalogue:asc',
}).extend({
  layer: indicatorLayerSchema.optional(),
  family: kqiFamilySchema.optional(),
  source: indicatorSourceSchema.optional(),
  dimension: indicatorDimensionSchema.optional(),
  builtin: z.enum(['true', 'false']).optional(),
  enabled: z.enum(['true', 'false']).optional(),
  text: safeText().trim().min(1).max(200).optional(),
});
export type IndicatorListQuery = z.infer<typeof indicatorListQuerySchema>;
export const indicatorPageSchema = pageOf(indicatorSchema);
export type IndicatorPage = z.infer<typeof indicatorPageSchema>;

/** A KPI's value in a window: `insufficient` when it had fewer samples than its minimum, `no_data` when none. */
export const kpiStatusSchema = z.enum(['ok', 'insufficient', 'no_data']);
export type KpiStatus = z.infer<typeof kpiStatusSchema>;

export const kpiResultSchema = z.object({
  indicatorId: z.string(),
  family: kqiFamilySchema,
  layer: indicatorLayerSchema,
  source: indicatorSourceSchema,
  value: z.number().nullable(),
  score: z.number().nullable(),
  samples: z.number(),
  status: kpiStatusSchema,
  critical: z.boolean(),
});
export type KpiResult = z.infer<typeof kpiResultSchema>;

export const worstContributorSchema = z.object({ key: z.string(), score: z.number() }).nullable();

export const kqiResultSchema = z.object({
  family: kqiFamilySchema,
  score: z.number().nullable(),
  worst: worstContributorSchema,
  cappedByCritical: z.boolean(),
});
export type KqiResult = z.infer<typeof kqiResultSchema>;

/** The reasonable range (合理区间) on the 1–5 scale: below `low` is a KQI abnormality. */
export const REASONABLE_RANGE = { low: 3, high: 5 } as const;

export const scoreScopeSchema = z.enum([
  'service_region',
  'service',
  'channel_region',
  'channel',
  'business',
  'business_region',
  'region',
  'overall',
]);
export type ScoreScopeName = z.infer<typeof scoreScopeSchema>;

export const snapshotResolutionSchema = z.enum(['5m', '1h']);

/** One scored scope in one window; dimensions not part of the scope are ''. */
export const scoreEntrySchema = z.object({
  scope: scoreScopeSchema,
  business: z.string(),
  channel: z.string(),
  region: z.string(),
  bucketStart: z.string(),
  /** null: insufficient data — never shown as a score. */
  score: z.number().nullable(),
  families: z.object({
    reliability: z.number().nullable(),
    efficiency: z.number().nullable(),
    usability: z.number().nullable(),
    integrity: z.number().nullable(),
  }),
  volume: z.number(),
  failures: z.number(),
  p95Ms: z.number().nullable(),
  /** The worst contributor: a KPI id for a service, a member (business, channel …) for an aggregate. */
  worst: worstContributorSchema,
  cappedByCritical: z.boolean(),
});
export type ScoreEntry = z.infer<typeof scoreEntrySchema>;

export const scoreBandsSchema = z.object({
  good: z.number(),
  tolerable: z.number(),
  poor: z.number(),
  insufficient: z.number(),
});

export const scoreOverviewSchema = z.object({
  /** The window scored (null when nothing has been evaluated yet). */
  bucketStart: z.string().nullable(),
  resolution: snapshotResolutionSchema,
  reasonableRange: z.object({ low: z.number(), high: z.number() }),
  overall: scoreEntrySchema.nullable(),
  channels: z.array(scoreEntrySchema),
  regions: z.array(scoreEntrySchema),
  /** channel × region cells of the heat map. */
  cells: z.array(scoreEntrySchema),
  /** Services per region by score, worst first. */
  worstServices: z.array(scoreEntrySchema),
  /** Services per region in each band: ≥ 4 good, [3, 4) tolerable, < 3 poor. */
  bands: scoreBandsSchema,
  /** The overall score over the trend range. */
  trend: z.array(z.object({ bucketStart: z.string(), score: z.number().nullable(), volume: z.number() })),
});
export type ScoreOverview = z.infer<typeof scoreOverviewSchema>;

export const scoreQuerySchema = z.object({
  resolution: snapshotResolutionSchema.default('5m'),
  /** Score as of this instant (latest evaluated window at or before it); now when absent. */
  at: z.iso.datetime({ offset: true }).optional(),
  channel: dimensionCodeSchema.optional(),
  region: dimensionCodeSchema.optional(),
  business: dimensionCodeSchema.optional(),
});

export const serviceDrillQuerySchema = z.object({
  region: dimensionCodeSchema.optional(),
  from: z.iso.datetime({ offset: true }).optional(),
  to: z.iso.datetime({ offset: true }).optional(),
});

export const serviceDrillSchema = z.object({
  business: z.string(),
  channel: z.string(),
  region: z.string().nullable(),
  from: z.string(),
  to: z.string(),
  reasonableRange: z.object({ low: z.number(), high: z.number() }),
  score: z.number().nullable(),
  cappedByCritical: z.boolean(),
  worstKqi: worstContributorSchema,
  worstKpi: worstContributorSchema,
  kqis: z.array(kqiResultSchema),
  kpis: z.array(kpiResultSchema),
  /** The service per region in the same window (for drilling across regions). */
  regions: z.array(scoreEntrySchema),
  /** Its score history from the snapshots. */
  trend: z.array(z.object({ bucketStart: z.string(), score: z.number().nullable(), volume: z.number() })),
  /** The probes measuring it, to drill down to their runs. */
  checks: z.array(
    z.object({ id: z.string(), name: z.string(), region: z.string().nullable(), status: checkStatusSchema }),
  ),
});
export type ServiceDrill = z.infer<typeof serviceDrillSchema>;

export const rankingQuerySchema = z.object({
  by: z.enum(['business', 'service']).default('business'),
  period: z.enum(['hour', 'day']).default('day'),
  channel: dimensionCodeSchema.optional(),
  region: dimensionCodeSchema.optional(),
  at: z.iso.datetime({ offset: true }).optional(),
});

export const rankingEntrySchema = z.object({
  rank: z.number(),
  business: z.string(),
  channel: z.string(),
  score: z.number().nullable(),
  p95Ms: z.number().nullable(),
  volume: z.number(),
  failureRatio: z.number().nullable(),
  worst: worstContributorSchema,
  previous: z.object({
    score: z.number().nullable(),
    p95Ms: z.number().nullable(),
    rank: z.number().nullable(),
  }),
});
export type RankingEntry = z.infer<typeof rankingEntrySchema>;

export const rankingSchema = z.object({
  by: z.enum(['business', 'service']),
  period: z.enum(['hour', 'day']),
  from: z.string(),
  to: z.string(),
  /** Slowest first (p95 latency, descending); `byScore` worst first. */
  slowest: z.array(rankingEntrySchema),
  byScore: z.array(rankingEntrySchema),
});
export type Ranking = z.infer<typeof rankingSchema>;

/**
 * One indicator's current value over the services a reader can see (GET /scores/indicators): the samples-weighted
 * mean of its value per service in the window, scored against its own thresholds so that value, thresholds and
 * band agree. `no_data` when no service measured it, `insufficient` below its minimum samples (value, no score).
 */
export const indicatorCurrentValueSchema = z.object({
  indicatorId: z.string(),
  value: z.number().nullable(),
  score: z.number().nullable(),
  samples: z.number(),
  status: kpiStatusSchema,
  /** Services that measured it in the window. */
  services: z.number().int(),
});
export type IndicatorCurrentValue = z.infer<typeof indicatorCurrentValueSchema>;

export const indicatorCurrentValuesSchema = z.object({
  from: z.string(),
  to: z.string(),
  items: z.array(indicatorCurrentValueSchema),
});
export type IndicatorCurrentValues = z.infer<typeof indicatorCurrentValuesSchema>;

/** DELETE /indicators/:id: a built-in is reset to its shipped definition, a custom indicator removed. */
export const indicatorResetSchema = z.object({ reset: z.boolean() });

/**
 * A value another system reports for the `external` indicators (MMSC and SMSC statistics, billing audits, complaint
 * tickets, surveys), as posted to `POST /api/v1/measurements`. Counters add up within a window; measurements the
 * catalogue marks as gauges (percentiles, means) are averaged. Business, channel and region narrow the scope: a value
 * without them applies to every service.
 */
export const externalMeasurementRecordSchema = z.object({
  time: z.union([z.iso.datetime({ offset: true }), z.number().int().positive()]),
  name: safeText().trim().min(1).max(64),
  value: z.number().finite(),
  business: safeText().trim().min(1).max(128).optional(),
  channel: safeText().trim().min(1).max(128).optional(),
  region: safeText().trim().min(1).max(128).optional(),
});
export type ExternalMeasurementRecord = z.infer<typeof externalMeasurementRecordSchema>;

export const measurementIngestResultSchema = z.object({
  accepted: z.number().int(),
  rejected: z.array(z.object({ index: z.number().int(), reason: z.string() })),
});
export type MeasurementIngestResult = z.infer<typeof measurementIngestResultSchema>;
