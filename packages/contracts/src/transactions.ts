import { z } from 'zod';
import { dimensionCodeSchema } from './dimensions.js';
import { safeText } from './safe-text.js';
import { resolutionSchema, tierCountsSchema } from './series.js';

const dimensionValue = safeText().trim().min(1).max(128);
const identifier = safeText().trim().min(1).max(128);

/**
 * One business transaction observed passively (business-hall logs, IVR, SMS hall, gateways …), as posted to
 * `POST /api/v1/ingest/transactions`. Dimension values may be codes or aliases; the server maps them to codes.
 */
export const transactionRecordSchema = z.object({
  /** ISO 8601 with an offset, or epoch milliseconds. */
  time: z.union([z.iso.datetime({ offset: true }), z.number().int().positive()]),
  business: dimensionValue,
  channel: dimensionValue,
  region: dimensionValue,
  system: dimensionValue.optional(),
  host: identifier.optional(),
  /** The clerk or terminal that served the customer (business halls). */
  clerkId: identifier.optional(),
  terminalId: identifier.optional(),
  segment: dimensionValue.optional(),
  /** Hashed or dropped before storage, as configured; never kept in the rollups. */
  customerId: identifier.optional(),
  latencyMs: z.number().finite().min(0).max(86_400_000),
  /** `ok`, or the error code the system returned (`E1023`, `timeout`, `duplicate_submit` …). */
  outcome: safeText().trim().min(1).max(64),
  /** Optional class of the error (`timeout`, `system`, `business` …) when the source knows it. */
  errorClass: safeText().trim().min(1).max(64).optional(),
  /** The source's own id: a record whose external id was already accepted is counted once. */
  externalId: safeText().min(1).max(200).optional(),
});
export type TransactionRecord = z.infer<typeof transactionRecordSchema>;

export const rejectedRecordSchema = z.object({
  index: z.number().int(),
  reason: z.string(),
  /** Stable code of the refusal where it has one (`RECORD_TOO_OLD`): senders key on it, not on the wording. */
  code: z.string().optional(),
  /** The values the reason names, by name (`{ retentionDays: 14, setting: "GANZHI_…" }`). */
  params: z.record(z.string(), z.union([z.string(), z.number()])).optional(),
});
export type RejectedRecord = z.infer<typeof rejectedRecordSchema>;

export const ingestResultSchema = z.object({
  /** Records committed (and counted in the rollups) by this request. */
  accepted: z.number().int(),
  /** Records whose external id had already been accepted: counted once, not again. */
  duplicates: z.number().int(),
  rejected: z.array(rejectedRecordSchema),
});
export type IngestResult = z.infer<typeof ingestResultSchema>;

export const transactionGroupBySchema = z.enum(['none', 'channel', 'business', 'region', 'segment']);
export type TransactionGroupBy = z.infer<typeof transactionGroupBySchema>;

/** Filter and shape of an explorer query over transaction rollups. */
export const transactionQuerySchema = z.object({
  from: z.iso.datetime({ offset: true }),
  to: z.iso.datetime({ offset: true }),
  resolution: resolutionSchema.default('minute'),
  channel: z.array(dimensionCodeSchema).default([]),
  business: z.array(dimensionCodeSchema).default([]),
  region: z.array(dimensionCodeSchema).default([]),
  segment: z.array(dimensionCodeSchema).default([]),
  groupBy: transactionGroupBySchema.default('none'),
});
export type TransactionQuery = z.infer<typeof transactionQuerySchema>;

export const transactionPointSchema = z.object({
  t: z.string(),
  count: z.number().int(),
  failures: z.number().int(),
  p50Ms: z.number().nullable(),
  p95Ms: z.number().nullable(),
  p99Ms: z.number().nullable(),
  tiers: tierCountsSchema,
});
export type TransactionPoint = z.infer<typeof transactionPointSchema>;

export const transactionTotalsSchema = z.object({
  count: z.number().int(),
  failures: z.number().int(),
  p50Ms: z.number().nullable(),
  p95Ms: z.number().nullable(),
  p99Ms: z.number().nullable(),
  tiers: tierCountsSchema,
});
export type TransactionTotals = z.infer<typeof transactionTotalsSchema>;

export const transactionGroupSchema = z.object({
  /** The group's code (`all` when not grouped). */
  key: z.string(),
  totals: transactionTotalsSchema,
  points: z.array(transactionPointSchema),
});
export type TransactionGroup = z.infer<typeof transactionGroupSchema>;

export const transactionSeriesSchema = z.object({
  resolution: resolutionSchema,
  from: z.string(),
  to: z.string(),
  groupBy: transactionGroupBySchema,
  totals: transactionTotalsSchema,
  groups: z.array(transactionGroupSchema),
});
export type TransactionSeries = z.infer<typeof transactionSeriesSchema>;
