import { z } from 'zod';
import { pageOf, pageQuerySchema } from './pagination.js';

/**
 * Why a step failed. Stable names: alert rules, dashboards and the problem scene key on them.
 * - dns: the name did not resolve; connect_refused / connect_reset / host_unreachable: the socket failed;
 * - timeout: the step's time budget ran out (the phase it was in is in `timings`);
 * - tls: handshake or certificate failure; http_status: unexpected status; assertion: body/latency check failed;
 * - protocol: the peer spoke malformed HTTP; blocked: the target is outside the allowed address ranges;
 * - config: the step was not sent because the check or the agent lacks something it needs (a `{{secrets.NAME}}`
 *   the agent has no value for, a variable nothing defines): fix the configuration, not the target;
 * - internal: a bug in the probe itself (never the target's fault);
 * - interrupted: the agent shut down while the run was in flight and abandoned it after a short grace. Kept so the
 *   run is not lost, but it says nothing about the target: it counts in no rollup, ratio or status
 *   (see `countsAsMeasurement`).
 */
export const errorClassSchema = z.enum([
  'dns',
  'connect_refused',
  'connect_reset',
  'host_unreachable',
  'timeout',
  'tls',
  'http_status',
  'assertion',
  'protocol',
  'blocked',
  'config',
  'internal',
  'interrupted',
]);
export type ErrorClass = z.infer<typeof errorClassSchema>;

/** Whether a run measured its target: every run but one abandoned by its agent's shutdown (`interrupted`). */
export function countsAsMeasurement(run: { readonly errorClass: ErrorClass | null }): boolean {
  return run.errorClass !== 'interrupted';
}

/** Phase durations in ms, each null when the phase did not happen (no DNS for an IP literal, no TLS for http). */
export const phaseTimingsSchema = z.object({
  dnsMs: z.number().nullable(),
  connectMs: z.number().nullable(),
  tlsMs: z.number().nullable(),
  firstByteMs: z.number().nullable(),
  downloadMs: z.number().nullable(),
  totalMs: z.number(),
});
export type PhaseTimings = z.infer<typeof phaseTimingsSchema>;

export const assertionResultSchema = z.object({
  name: z.string(),
  ok: z.boolean(),
  expected: z.string(),
  actual: z.string(),
});
export type AssertionResult = z.infer<typeof assertionResultSchema>;

export const stepResultSchema = z.object({
  index: z.number().int(),
  kind: z.string(),
  name: z.string(),
  ok: z.boolean(),
  startedAt: z.string(),
  timings: phaseTimingsSchema,
  errorClass: errorClassSchema.nullable(),
  errorMessage: z.string().nullable(),
  assertions: z.array(assertionResultSchema),
  /** Values this step extracted into flow variables (secrets masked). */
  variables: z.record(z.string(), z.string()).optional(),
  /** Protocol-specific facts: HTTP status, remote address, response size, TLS protocol … */
  detail: z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()])),
});
export type StepResult = z.infer<typeof stepResultSchema>;

/**
 * The content types an artifact may have: what the probes produce (screenshots, JSON problem scenes and browser
 * logs). Anything else could be rendered as a page by a browser, so it is neither accepted nor served as such.
 */
export const ARTIFACT_CONTENT_TYPES = ['image/png', 'image/jpeg', 'image/webp', 'application/json'] as const;
export const artifactContentTypeSchema = z.enum(ARTIFACT_CONTENT_TYPES);
export type ArtifactContentType = z.infer<typeof artifactContentTypeSchema>;

/** Evidence stored with a run (the content is fetched separately). */
export const artifactRefSchema = z.object({
  id: z.string(),
  stepIndex: z.number().int(),
  kind: z.enum(['screenshot', 'response', 'console', 'network']),
  contentType: z.string(),
  bytes: z.number().int(),
});
export type ArtifactRef = z.infer<typeof artifactRefSchema>;

export const runSchema = z.object({
  id: z.string(),
  checkId: z.string(),
  agentId: z.string(),
  location: z.string(),
  startedAt: z.string(),
  durationMs: z.number(),
  ok: z.boolean(),
  errorClass: errorClassSchema.nullable(),
  errorMessage: z.string().nullable(),
  steps: z.array(stepResultSchema),
  artifacts: z.array(artifactRefSchema).default([]),
  /** Set when the agent's clock was off by more than the server's threshold: startedAt was shifted by this many ms. */
  clockCorrectionMs: z.number().nullable().optional(),
  /**
   * True when the server no longer keeps this run's step results (`steps` is empty): a passing run older than the
   * latest runs of its check (GANZHI_RETENTION_STEP_DETAIL_RUNS). Its outcome and duration stay, and it is in the rollups.
   */
  stepsDropped: z.boolean().optional(),
});
export type Run = z.infer<typeof runSchema>;

/** What a check's runs sort by: their start and their duration. */
export const RUN_SORT_FIELDS = ['startedAt', 'durationMs'] as const;
export type RunSortField = (typeof RUN_SORT_FIELDS)[number];

/**
 * `GET /checks/{id}/runs`: a page of one check's runs, newest first by default. Filters combine with AND: `outcome`
 * (`ok` or `failed`), `errorClass`, the agent `location`, and the start time `from` (inclusive) … `to` (exclusive).
 * Runs of one start time stay in a fixed order (by origin), so a cursor continues exactly.
 */
export const runListQuerySchema = pageQuerySchema({
  fields: RUN_SORT_FIELDS,
  fallback: 'startedAt:desc',
}).extend({
  outcome: z.enum(['ok', 'failed']).optional(),
  errorClass: errorClassSchema.optional(),
  location: z.string().min(1).max(64).optional(),
  from: z.iso.datetime({ offset: true }).optional(),
  to: z.iso.datetime({ offset: true }).optional(),
});
export type RunListQuery = z.infer<typeof runListQuerySchema>;
/** The query as a client writes it (every field optional). */
export type RunListQueryInput = z.input<typeof runListQuerySchema>;

export const runPageSchema = pageOf(runSchema);
export type RunPage = z.infer<typeof runPageSchema>;

/** The answer of `POST /checks/try`: a run that was not stored, with its artifacts inline (base64). */
export const tryResultSchema = z.object({
  startedAt: z.string(),
  durationMs: z.number(),
  ok: z.boolean(),
  errorClass: errorClassSchema.nullable(),
  errorMessage: z.string().nullable(),
  steps: z.array(stepResultSchema),
  /** Final flow variables, secrets masked. */
  variables: z.record(z.string(), z.string()),
  artifacts: z.array(
    artifactRefSchema
      .pick({ stepIndex: true, kind: true, contentType: true })
      .extend({ dataBase64: z.string() }),
  ),
});
export type TryResult = z.infer<typeof tryResultSchema>;
