import { z } from 'zod';
import { safeText } from './safe-text.js';
import { dimensionCodeSchema } from './dimensions.js';
import { commaListSchema, pageOf, pageQuerySchema } from './pagination.js';
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
  /**
   * Successful runs ÷ runs over the last 24 hours (counted by the hour a run started: the current clock hour and the
   * 23 before it), 0–1; null when there were no runs.
   */
  successRatio24h: z.number().nullable(),
  runs24h: z.number().int(),
});
export type CheckSummary = z.infer<typeof checkSummarySchema>;

/** What the checks list sorts by: `lastRunAt` and `latencyMs` are the last run's start and duration. */
export const CHECK_SORT_FIELDS = ['name', 'status', 'lastRunAt', 'successRatio24h', 'latencyMs'] as const;
export type CheckSortField = (typeof CHECK_SORT_FIELDS)[number];

/**
 * `GET /checks`: a page of checks with their status. Filters combine with AND; `region` selects the region and every
 * region below it (a city with its counties), always within the caller's own regions; `text` is a case-insensitive
 * part of the name; `status` one or more statuses, comma-separated. `status:asc` puts failing checks first (down,
 * pending, up, paused); a sort by the last run puts checks without runs last in both directions.
 */
export const checkListQuerySchema = pageQuerySchema({
  fields: CHECK_SORT_FIELDS,
  fallback: 'name:asc',
}).extend({
  channel: dimensionCodeSchema.optional(),
  business: dimensionCodeSchema.optional(),
  region: dimensionCodeSchema.optional(),
  status: commaListSchema(checkStatusSchema, 4).optional(),
  tag: tagSchema.optional(),
  text: safeText().trim().min(1).max(200).optional(),
  location: dimensionCodeSchema.optional(),
  /** `flow`: each item with its steps and variables too (an export); a list shows none, so they are left out. */
  include: z.enum(['flow']).optional(),
});
export type CheckListQuery = z.infer<typeof checkListQuerySchema>;
/** The query as a client writes it (every field optional, the status list comma-separated). */
export type CheckListQueryInput = z.input<typeof checkListQuerySchema>;

/** A check as the list serves it: its summary, the flow (steps, variables) only when asked for. */
export const checkListItemSchema = checkSummarySchema.omit({ steps: true, variables: true }).extend({
  steps: z.array(stepSchema).optional(),
  variables: z.record(variableNameSchema, z.string()).optional(),
});
export type CheckListItem = z.infer<typeof checkListItemSchema>;

export const checkListPageSchema = pageOf(checkListItemSchema);
export type CheckListPage = z.infer<typeof checkListPageSchema>;
