import { z } from 'zod';
import { pageOf, pageQuerySchema } from './pagination.js';
import { safeText } from './safe-text.js';

/** Dimension codes are lower-case slugs (`web_hall`, `bill_query`, `changsha`). */
export const dimensionCodeSchema = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[a-z0-9][a-z0-9_-]*$/, 'use lower-case letters, digits, "_" or "-"');

/** A display name of a dimension value. */
const dimensionNameSchema = safeText();

export const businessTypeSchema = z.enum(['query', 'transaction', 'recharge', 'delivery']);
export type BusinessType = z.infer<typeof businessTypeSchema>;

export const channelSchema = z.object({
  code: dimensionCodeSchema,
  nameZh: dimensionNameSchema,
  nameEn: dimensionNameSchema,
});
export type Channel = z.infer<typeof channelSchema>;

export const businessSchema = z.object({
  code: dimensionCodeSchema,
  nameZh: dimensionNameSchema,
  nameEn: dimensionNameSchema,
  type: businessTypeSchema,
  /** SLA response target from the seeds (payment and account opening 3 s, queries 30 s). */
  slaMs: z.number().int().positive().nullable(),
  /** The back-end systems that serve it: their resource indicators appear in its drill-down. */
  systems: z.array(dimensionCodeSchema).max(20).default([]),
});
export type Business = z.infer<typeof businessSchema>;

export const regionLevelSchema = z.enum(['province', 'city', 'county']);

export const regionSchema = z.object({
  code: dimensionCodeSchema,
  parentCode: dimensionCodeSchema.nullable(),
  level: regionLevelSchema,
  nameZh: dimensionNameSchema,
  nameEn: dimensionNameSchema,
});
export type Region = z.infer<typeof regionSchema>;

/** Customer value segments of the seeds: most valuable, most growable, normal, below zero. */
export const segmentSchema = z.object({
  code: dimensionCodeSchema,
  nameZh: dimensionNameSchema,
  nameEn: dimensionNameSchema,
});
export type Segment = z.infer<typeof segmentSchema>;

/**
 * Back-end systems behind businesses, with the planned-utilisation class the capability index compares against
 * (business hall 50 %, accounting 60 %, credit 70 %, billing query 80 %, settlement 100 %).
 */
export const systemSchema = z.object({
  code: dimensionCodeSchema,
  nameZh: dimensionNameSchema,
  nameEn: dimensionNameSchema,
  plannedUtilisation: z.number().gt(0).max(1),
});
export type BackendSystem = z.infer<typeof systemSchema>;

export const dimensionKindSchema = z.enum(['channel', 'business', 'region', 'segment', 'system']);
export type DimensionKind = z.infer<typeof dimensionKindSchema>;

/** Another spelling of a dimension value found in source data (`网厅`, `WEB`, `0731`) and the code it means. */
export const dimensionAliasSchema = z.object({
  kind: dimensionKindSchema,
  alias: safeText().trim().min(1).max(128),
  code: dimensionCodeSchema,
});
export type DimensionAlias = z.infer<typeof dimensionAliasSchema>;

export const dimensionsSchema = z.object({
  channels: z.array(channelSchema),
  businesses: z.array(businessSchema),
  regions: z.array(regionSchema),
  segments: z.array(segmentSchema),
  systems: z.array(systemSchema),
  aliases: z.array(dimensionAliasSchema),
});
export type Dimensions = z.infer<typeof dimensionsSchema>;

/** What `ganzhi apply` and the console send: any subset of the dimensions, each value created or updated by code. */
export const dimensionsInputSchema = z.object({
  channels: z.array(channelSchema).default([]),
  businesses: z.array(businessSchema).default([]),
  regions: z.array(regionSchema).default([]),
  segments: z.array(segmentSchema).default([]),
  systems: z.array(systemSchema).default([]),
  aliases: z.array(dimensionAliasSchema).default([]),
});
export type DimensionsInput = z.infer<typeof dimensionsInputSchema>;

/** A service is what customers use: one business through one channel (`bill_query` in the `web_hall`). */
export const serviceSchema = z.object({
  business: dimensionCodeSchema,
  channel: dimensionCodeSchema,
  /** Where its measurements come from. */
  sources: z.array(z.enum(['probe', 'transactions'])),
});
export type Service = z.infer<typeof serviceSchema>;

export const SERVICE_SORT_FIELDS = ['business', 'channel'] as const;
export type ServiceSortField = (typeof SERVICE_SORT_FIELDS)[number];

/**
 * `GET /services`: by business then channel (or by channel then business), filtered by `business`, `channel` and the
 * `source` of their measurements.
 */
export const serviceListQuerySchema = pageQuerySchema({
  fields: SERVICE_SORT_FIELDS,
  fallback: 'business:asc',
}).extend({
  business: dimensionCodeSchema.optional(),
  channel: dimensionCodeSchema.optional(),
  source: z.enum(['probe', 'transactions']).optional(),
});
export type ServiceListQuery = z.infer<typeof serviceListQuerySchema>;
export const servicePageSchema = pageOf(serviceSchema);
export type ServicePage = z.infer<typeof servicePageSchema>;
