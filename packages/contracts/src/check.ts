import { z } from 'zod';
import { dimensionCodeSchema } from './dimensions.js';

export const httpMethodSchema = z.enum(['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS']);
export type HttpMethod = z.infer<typeof httpMethodSchema>;

const headerNameSchema = z.string().regex(/^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/, 'not a valid HTTP header name');

/** Expected status: an exact code (200) or a class pattern ("2xx"). */
export const expectedStatusSchema = z.union([
  z.number().int().min(100).max(599),
  z.string().regex(/^[1-5]xx$/, 'use a status code such as 200 or a class such as "2xx"'),
]);
export type ExpectedStatus = z.infer<typeof expectedStatusSchema>;

const httpUrlSchema = z
  .string()
  .url('must be an absolute URL')
  .refine((value) => /^https?:\/\//i.test(value), 'only http and https URLs can be probed');

export const httpStepSchema = z.object({
  kind: z.literal('http'),
  name: z.string().min(1).max(120).optional(),
  method: httpMethodSchema.default('GET'),
  url: httpUrlSchema,
  headers: z.record(headerNameSchema, z.string()).default({}),
  body: z.string().max(1_000_000).optional(),
  /** Whole-step timeout, covering DNS through the last body byte. */
  timeoutMs: z.number().int().min(100).max(120_000).default(10_000),
  expectStatus: expectedStatusSchema.default('2xx'),
  bodyContains: z.string().min(1).optional(),
  maxLatencyMs: z.number().int().positive().optional(),
  /** Accept self-signed or otherwise untrusted certificates (internal systems often have them). */
  insecureTls: z.boolean().default(false),
});
export type HttpStep = z.infer<typeof httpStepSchema>;
export type HttpStepInput = z.input<typeof httpStepSchema>;

/** Every step kind; later kinds (tcp, dns, tls, browser, wait) join this union. */
export const stepSchema = z.discriminatedUnion('kind', [httpStepSchema]);
export type Step = z.infer<typeof stepSchema>;
export type StepKind = Step['kind'];

export const tagSchema = z.string().min(1).max(64);

export const checkInputSchema = z.object({
  name: z.string().trim().min(1, 'name is required').max(200),
  description: z.string().max(2000).optional(),
  enabled: z.boolean().default(true),
  intervalSeconds: z.number().int().min(10).max(86_400).default(60),
  tags: z.array(tagSchema).max(50).default([]),
  business: dimensionCodeSchema.nullable().default(null),
  channel: dimensionCodeSchema.nullable().default(null),
  region: dimensionCodeSchema.nullable().default(null),
  locations: z.array(dimensionCodeSchema).min(1).default(['local']),
  steps: z.array(stepSchema).min(1, 'a check needs at least one step').max(50),
});
export type CheckInput = z.infer<typeof checkInputSchema>;
/** What a client may send: defaults not yet applied. */
export type CheckInputRaw = z.input<typeof checkInputSchema>;

export const checkSchema = checkInputSchema.extend({
  id: z.string(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Check = z.infer<typeof checkSchema>;

export const checkStatusSchema = z.enum(['up', 'down', 'pending', 'paused']);
export type CheckStatus = z.infer<typeof checkStatusSchema>;

export const checkSummarySchema = checkSchema.extend({
  status: checkStatusSchema,
  lastRun: z
    .object({
      id: z.string(),
      startedAt: z.string(),
      ok: z.boolean(),
      durationMs: z.number(),
      errorClass: z.string().nullable(),
    })
    .nullable(),
  /** Successful runs ÷ runs over the last 24 hours, 0–1; null when there were no runs. */
  successRatio24h: z.number().nullable(),
  runs24h: z.number().int(),
});
export type CheckSummary = z.infer<typeof checkSummarySchema>;
