import { z } from 'zod';
import { safeText } from './safe-text.js';
import { dimensionCodeSchema } from './dimensions.js';
import { pageOf, pageQuerySchema } from './pagination.js';
import { rejectedRecordSchema } from './transactions.js';

/**
 * Resource metrics per system and host (indicators.md §b, resource layer). Percentages are 0–100, `host_up` is
 * 0 or 1 (a fraction when averaged), the pool metrics are session counts.
 */
export const RESOURCE_METRICS = [
  'cpu_util',
  'storage_util',
  'pool_in_use',
  'pool_size',
  'link_util',
  'host_up',
] as const;
export const resourceMetricSchema = z.enum(RESOURCE_METRICS);
export type ResourceMetric = z.infer<typeof resourceMetricSchema>;

/** Metrics whose values are percentages (0–100). */
export const PERCENT_METRICS: readonly ResourceMetric[] = ['cpu_util', 'storage_util', 'link_util'];

const hostSchema = safeText()
  .trim()
  .min(1)
  .max(128)
  .regex(/^[^\s|]+$/, 'no blanks or "|"');

/**
 * One resource sample as posted to `POST /api/v1/resources/samples`. The system may be its code, name or an
 * alias; the server maps it to the code.
 */
export const resourceSampleRecordSchema = z.object({
  /** ISO 8601 with an offset, or epoch milliseconds. */
  time: z.union([z.iso.datetime({ offset: true }), z.number().int().positive()]),
  system: safeText().trim().min(1).max(128),
  host: hostSchema,
  metric: resourceMetricSchema,
  value: z.number().finite(),
});
export type ResourceSampleRecord = z.infer<typeof resourceSampleRecordSchema>;

export const resourceIngestResultSchema = z.object({
  /** Samples committed by this request. */
  accepted: z.number().int(),
  rejected: z.array(rejectedRecordSchema),
});
export type ResourceIngestResult = z.infer<typeof resourceIngestResultSchema>;

/** A Prometheus metric or label name (the exposition format's grammar). */
const prometheusMetricNameSchema = z
  .string()
  .min(1)
  .max(200)
  .regex(/^[a-zA-Z_:][a-zA-Z0-9_:]*$/, 'not a Prometheus metric name');
const prometheusLabelNameSchema = z
  .string()
  .min(1)
  .max(100)
  .regex(/^[a-zA-Z_][a-zA-Z0-9_]*$/, 'not a Prometheus label name');

/** Which Prometheus samples become which Ganzhi metric, and how their values are scaled. */
export const metricMappingSchema = z.object({
  prometheusMetric: prometheusMetricNameSchema,
  /** Only samples whose labels equal all of these (e.g. `{ "mode": "all" }`). */
  labelMatchers: z.record(prometheusLabelNameSchema, z.string().max(500)).default({}),
  metric: resourceMetricSchema,
  /** Multiplies the scraped value: 100 turns a 0–1 ratio into a percentage. */
  scale: z
    .number()
    .finite()
    .refine((value) => value !== 0, 'must not be 0')
    .default(1),
});
export type MetricMapping = z.infer<typeof metricMappingSchema>;

/** Where a scraped sample's host comes from: one of its labels, or a fixed name for the whole target. */
export const scrapeHostSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('label'), label: prometheusLabelNameSchema }),
  z.object({ kind: z.literal('fixed'), name: hostSchema }),
]);
export type ScrapeHost = z.infer<typeof scrapeHostSchema>;

export const scrapeTargetInputSchema = z.object({
  name: safeText().trim().min(1, 'name is required').max(200),
  url: z.url({ protocol: /^https?$/, error: 'must be an http:// or https:// URL' }).max(2000),
  intervalSeconds: z.number().int().min(10).max(3600).default(60),
  timeoutMs: z.number().int().min(500).max(60_000).default(10_000),
  system: dimensionCodeSchema,
  host: scrapeHostSchema.default({ kind: 'label', label: 'instance' }),
  mappings: z.array(metricMappingSchema).min(1, 'map at least one metric').max(50),
  enabled: z.boolean().default(true),
});
export type ScrapeTargetInput = z.infer<typeof scrapeTargetInputSchema>;
export type ScrapeTargetInputRaw = z.input<typeof scrapeTargetInputSchema>;

export const scrapeStatusSchema = z.enum(['ok', 'partial', 'failed']);
export type ScrapeStatus = z.infer<typeof scrapeStatusSchema>;

export const scrapeResultSchema = z.object({
  at: z.string(),
  status: scrapeStatusSchema,
  /** Samples written by the scrape. */
  samples: z.number().int(),
  /** Why the scrape failed, or what was skipped in a partial one. */
  error: z.string().nullable(),
});
export type ScrapeResult = z.infer<typeof scrapeResultSchema>;

export const scrapeTargetSchema = scrapeTargetInputSchema.extend({
  id: z.string(),
  createdAt: z.string(),
  updatedAt: z.string(),
  /** The last scrape (null before the first one). */
  lastScrape: scrapeResultSchema.nullable(),
});
export type ScrapeTarget = z.infer<typeof scrapeTargetSchema>;

export const SCRAPE_TARGET_SORT_FIELDS = ['name', 'system', 'lastScrapeAt'] as const;
export type ScrapeTargetSortField = (typeof SCRAPE_TARGET_SORT_FIELDS)[number];

/**
 * `GET /resources/scrape-targets`: by name unless sorted otherwise (never scraped: last both ways), filtered by part
 * of the name or URL (`text`), `system`, the last scrape's `status` and `enabled`.
 */
export const scrapeTargetListQuerySchema = pageQuerySchema({
  fields: SCRAPE_TARGET_SORT_FIELDS,
  fallback: 'name:asc',
}).extend({
  text: safeText().trim().min(1).max(200).optional(),
  system: dimensionCodeSchema.optional(),
  status: scrapeStatusSchema.optional(),
  enabled: z.enum(['true', 'false']).optional(),
});
export type ScrapeTargetListQuery = z.infer<typeof scrapeTargetListQuerySchema>;
export const scrapeTargetPageSchema = pageOf(scrapeTargetSchema);
export type ScrapeTargetPage = z.infer<typeof scrapeTargetPageSchema>;

/**
 * Capacity settings of a system (indicators.md §c): P and A in tpmC from the capacity plan and the hardware
 * inventory, the CPU threshold X and the daytime window of the running index (local hours, [start, end)).
 */
export const capacitySettingsInputSchema = z
  .object({
    /** P: planned current tpmC (规划当前TPCC); null while not entered. */
    plannedTpmc: z.number().finite().positive().nullable().default(null),
    /** A: configured tpmC (实配TPCC). */
    configuredTpmc: z.number().finite().positive().nullable().default(null),
    cpuThresholdPercent: z.number().gt(0).lt(100).default(80),
    daytimeStartHour: z.number().int().min(0).max(23).default(8),
    daytimeEndHour: z.number().int().min(1).max(24).default(20),
  })
  .refine((settings) => settings.daytimeStartHour < settings.daytimeEndHour, {
    path: ['daytimeEndHour'],
    message: 'the daytime window must end after it starts',
  });
export type CapacitySettingsInput = z.infer<typeof capacitySettingsInputSchema>;

export const capacitySettingsSchema = z.object({
  system: dimensionCodeSchema,
  plannedTpmc: z.number().nullable(),
  configuredTpmc: z.number().nullable(),
  cpuThresholdPercent: z.number(),
  daytimeStartHour: z.number().int(),
  daytimeEndHour: z.number().int(),
  /** Null while the defaults apply. */
  updatedAt: z.string().nullable(),
});
export type CapacitySettings = z.infer<typeof capacitySettingsSchema>;

export const capacityMonthQuerySchema = z.object({
  /** Local calendar month (GANZHI_TIME_ZONE); the current one when absent. */
  month: z
    .string()
    .regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'use YYYY-MM')
    .optional(),
});
export type CapacityMonthQuery = z.infer<typeof capacityMonthQuerySchema>;

export const runningIndexResultSchema = z.object({
  /** R in [0, 1]: busy daytime minutes of the busiest day ÷ the window's minutes. */
  index: z.number(),
  /** Local date of the busiest day (null when no daytime minute was above the threshold). */
  busiestDay: z.string().nullable(),
  busyMinutes: z.number().int(),
  daytimeMinutes: z.number().int(),
});
export type RunningIndexResult = z.infer<typeof runningIndexResultSchema>;

export const hostCapacitySchema = runningIndexResultSchema.extend({
  host: z.string(),
  /** Minutes of the month with CPU samples from this host. */
  sampledMinutes: z.number().int(),
  peakCpuPercent: z.number().nullable(),
});
export type HostCapacity = z.infer<typeof hostCapacitySchema>;

export const cpuProfilePointSchema = z.object({
  /** Start of the 5-minute slot. */
  t: z.string(),
  /** Mean over the slot's minutes of the per-minute host mean; null without samples. */
  meanPercent: z.number().nullable(),
  maxPercent: z.number().nullable(),
  /** Minutes of the slot above the threshold. */
  busyMinutes: z.number().int(),
});
export type CpuProfilePoint = z.infer<typeof cpuProfilePointSchema>;

export const capabilityMissingSchema = z.enum(['tpmc_not_entered', 'no_cpu_data']);

export const systemCapacitySchema = z.object({
  system: z.string(),
  nameZh: z.string(),
  nameEn: z.string(),
  /** U: planned utilisation of the system class (0–1). */
  plannedUtilisation: z.number(),
  settings: capacitySettingsSchema,
  /** Null without CPU samples in the month. */
  runningIndex: runningIndexResultSchema.nullable(),
  /** C, signed: positive = configured below plan with room to expand, negative = beyond the plan. */
  capabilityIndex: z.number().nullable(),
  /** Why C is null, as a code and a sentence. */
  capabilityMissing: z.object({ code: capabilityMissingSchema, message: z.string() }).nullable(),
  /** The busiest day's daytime CPU (system mean per minute), per 5 minutes; null without a busiest day. */
  busiestDayProfile: z
    .object({ day: z.string(), slotMinutes: z.number().int(), points: z.array(cpuProfilePointSchema) })
    .nullable(),
  hosts: z.array(hostCapacitySchema),
});
export type SystemCapacity = z.infer<typeof systemCapacitySchema>;

export const capacityReportSchema = z.object({
  month: z.string(),
  timeZone: z.string(),
  /** How the system's per-minute CPU is formed from its hosts. */
  cpuAggregation: z.literal('host_mean'),
  systems: z.array(systemCapacitySchema),
});
export type CapacityReport = z.infer<typeof capacityReportSchema>;
