import { z } from 'zod';

/** Dimension codes are lower-case slugs (`web_hall`, `bill_query`, `changsha`). */
export const dimensionCodeSchema = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[a-z0-9][a-z0-9_-]*$/, 'use lower-case letters, digits, "_" or "-"');

export const businessTypeSchema = z.enum(['query', 'transaction', 'recharge', 'delivery']);
export type BusinessType = z.infer<typeof businessTypeSchema>;

export const channelSchema = z.object({
  code: dimensionCodeSchema,
  nameZh: z.string(),
  nameEn: z.string(),
});
export type Channel = z.infer<typeof channelSchema>;

export const businessSchema = z.object({
  code: dimensionCodeSchema,
  nameZh: z.string(),
  nameEn: z.string(),
  type: businessTypeSchema,
  /** SLA response target from the seeds (payment and account opening 3 s, queries 30 s). */
  slaMs: z.number().int().positive().nullable(),
});
export type Business = z.infer<typeof businessSchema>;

export const regionLevelSchema = z.enum(['province', 'city', 'county']);

export const regionSchema = z.object({
  code: dimensionCodeSchema,
  parentCode: dimensionCodeSchema.nullable(),
  level: regionLevelSchema,
  nameZh: z.string(),
  nameEn: z.string(),
});
export type Region = z.infer<typeof regionSchema>;

export const dimensionsSchema = z.object({
  channels: z.array(channelSchema),
  businesses: z.array(businessSchema),
  regions: z.array(regionSchema),
});
export type Dimensions = z.infer<typeof dimensionsSchema>;
