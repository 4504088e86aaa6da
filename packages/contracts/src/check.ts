import { z } from 'zod';
import { safeText } from './safe-text.js';
import { dimensionCodeSchema } from './dimensions.js';
import { browserStepSchema } from './steps/browser-step.js';
import { dnsStepSchema } from './steps/dns-step.js';
import { httpStepSchema } from './steps/http-step.js';
import { variableNameSchema } from './steps/step-common.js';
import { tcpStepSchema } from './steps/tcp-step.js';
import { tlsStepSchema } from './steps/tls-step.js';
import { waitStepSchema } from './steps/wait-step.js';

/** Every step kind. The probes registry has exactly one executor per member of this union. */
export const stepSchema = z.discriminatedUnion('kind', [
  httpStepSchema,
  tcpStepSchema,
  dnsStepSchema,
  tlsStepSchema,
  browserStepSchema,
  waitStepSchema,
]);
export type Step = z.infer<typeof stepSchema>;
export type StepKind = Step['kind'];
export const STEP_KINDS = stepSchema.options.map((option) => option.shape.kind.value) as readonly StepKind[];

export const tagSchema = safeText().min(1).max(64);

export const checkInputSchema = z.object({
  name: safeText().trim().min(1, 'name is required').max(200),
  description: safeText().max(2000).optional(),
  enabled: z.boolean().default(true),
  intervalSeconds: z.number().int().min(10).max(86_400).default(60),
  tags: z.array(tagSchema).max(50).default([]),
  business: dimensionCodeSchema.nullable().default(null),
  channel: dimensionCodeSchema.nullable().default(null),
  region: dimensionCodeSchema.nullable().default(null),
  locations: z.array(dimensionCodeSchema).min(1).default(['local']),
  /** Initial flow variables, usable as `{{name}}` in every step. */
  variables: z.record(variableNameSchema, z.string().max(10_000)).default({}),
  /** Budget for the whole flow; each step also has its own timeout. */
  flowTimeoutMs: z.number().int().min(1000).max(600_000).default(120_000),
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
