import { z } from 'zod';
import { safeText } from './safe-text.js';
import { checkSchema, STEP_KINDS } from './check.js';
import { dimensionCodeSchema } from './dimensions.js';
import { ARTIFACT_CONTENT_TYPES, artifactRefSchema, runSchema } from './run.js';
import { messageParamsSchema } from './api.js';
import { pageOf, pageQuerySchema } from './pagination.js';

/**
 * Agents, locations and the protocol between a remote agent and the server: enrolment, heartbeats, assignments
 * and run uploads. The agent and the server both validate with these schemas.
 */

export const stepKindSchema = z.enum(STEP_KINDS as [string, ...string[]]);

/** A location code: what `ganzhi agent --location NAME` takes and checks list in `locations`. */
export const locationCodeSchema = z
  .string()
  .regex(/^[a-z0-9][a-z0-9_-]*$/, 'use lower-case letters, digits, "_" or "-"')
  .max(64);

/** Why an agent cannot run a check it was assigned (reported back, shown on the agents page). */
export const unsupportedCheckSchema = z.object({
  checkId: z.string(),
  reason: z.string().max(500),
});
export type UnsupportedCheck = z.infer<typeof unsupportedCheckSchema>;

export const agentHealthSchema = z.enum(['healthy', 'stale', 'down', 'revoked']);
export type AgentHealth = z.infer<typeof agentHealthSchema>;

export const agentSchema = z.object({
  id: z.string(),
  name: z.string(),
  location: z.string(),
  version: z.string(),
  builtin: z.boolean(),
  hostname: z.string().nullable(),
  enrolledAt: z.string(),
  lastSeen: z.string().nullable(),
  /** Runs buffered on the agent, not yet acknowledged by the server. */
  backlog: z.number().int(),
  /** Start time of the oldest buffered run. */
  oldestUnsent: z.string().nullable(),
  /** Server clock minus agent clock, in ms, as the agent last measured it (null until measured). */
  clockOffsetMs: z.number().nullable(),
  /** True when |clockOffsetMs| exceeds the server's threshold: run times from this agent are corrected. */
  clockSkewed: z.boolean(),
  browserAvailable: z.boolean().nullable(),
  /** Checks currently assigned to this agent (its share of its location's checks). */
  checksAssigned: z.number().int(),
  unsupported: z.array(unsupportedCheckSchema.extend({ checkName: z.string().nullable() })),
  revokedAt: z.string().nullable(),
  health: agentHealthSchema,
});
export type Agent = z.infer<typeof agentSchema>;

/** What the agents list sorts by; `status:asc` puts those that need attention first: down, stale, healthy, revoked. */
export const AGENT_SORT_FIELDS = ['name', 'location', 'status', 'lastSeen'] as const;
export type AgentSortField = (typeof AGENT_SORT_FIELDS)[number];

/**
 * `GET /agents`: a page of agents (the built-in one included). `status=online` selects the agents heard from within
 * the down threshold (health `healthy` or `stale`), `offline` the others (`down`, `revoked`); `text` is a
 * case-insensitive part of the name, hostname or id. A sort by `lastSeen` puts agents never seen last both ways.
 */
export const agentListQuerySchema = pageQuerySchema({
  fields: AGENT_SORT_FIELDS,
  fallback: 'name:asc',
}).extend({
  location: locationCodeSchema.optional(),
  status: z.enum(['online', 'offline']).optional(),
  text: safeText().trim().min(1).max(200).optional(),
});
export type AgentListQuery = z.infer<typeof agentListQuerySchema>;
export type AgentListQueryInput = z.input<typeof agentListQuerySchema>;

export const agentPageSchema = pageOf(agentSchema);
export type AgentPage = z.infer<typeof agentPageSchema>;

/** Strict: a misspelt field is refused rather than silently giving a token other limits than meant. */
export const enrolmentTokenInputSchema = z.strictObject({
  /** Restricts the token to one location; any location when absent. */
  location: locationCodeSchema.optional(),
  expiresInHours: z
    .number()
    .int()
    .min(1)
    .max(24 * 30)
    .default(24),
});
export type EnrolmentTokenInput = z.infer<typeof enrolmentTokenInputSchema>;

export const createdEnrolmentTokenSchema = z.object({
  id: z.string(),
  /** Shown once; only its hash is stored. Exchanged by `ganzhi agent` for an agent credential. */
  token: z.string(),
  location: z.string().nullable(),
  expiresAt: z.string(),
});
export type CreatedEnrolmentToken = z.infer<typeof createdEnrolmentTokenSchema>;

/** An issued enrolment token as listed: never the token itself. */
export const enrolmentTokenSchema = z.object({
  id: z.string(),
  location: z.string().nullable(),
  createdBy: z.string(),
  createdAt: z.string(),
  expiresAt: z.string(),
  /** `unused` until an agent enrols with it; `revoked` tokens can no longer be used. */
  state: z.enum(['unused', 'used', 'expired', 'revoked']),
  usedAt: z.string().nullable(),
  agentId: z.string().nullable(),
});
export type EnrolmentToken = z.infer<typeof enrolmentTokenSchema>;

export const ENROLMENT_TOKEN_SORT_FIELDS = ['createdAt', 'expiresAt'] as const;
export type EnrolmentTokenSortField = (typeof ENROLMENT_TOKEN_SORT_FIELDS)[number];

/** `GET /agents/enrolment-tokens`: newest first unless sorted by expiry, filtered by `location` and `state`. */
export const enrolmentTokenListQuerySchema = pageQuerySchema({
  fields: ENROLMENT_TOKEN_SORT_FIELDS,
  fallback: 'createdAt:desc',
}).extend({
  location: locationCodeSchema.optional(),
  state: enrolmentTokenSchema.shape.state.optional(),
});
export type EnrolmentTokenListQuery = z.infer<typeof enrolmentTokenListQuerySchema>;
export const enrolmentTokenPageSchema = pageOf(enrolmentTokenSchema);
export type EnrolmentTokenPage = z.infer<typeof enrolmentTokenPageSchema>;

// ---- agent ⇄ server protocol -------------------------------------------------------------------------

export const agentEnrolInputSchema = z.object({
  name: safeText().trim().min(1).max(100),
  location: locationCodeSchema,
  version: safeText().max(64),
  hostname: safeText().max(255).nullable().default(null),
});
export type AgentEnrolInput = z.infer<typeof agentEnrolInputSchema>;

export const agentEnrolResultSchema = z.object({
  agentId: z.string(),
  /** The agent's own credential, shown once; the server keeps only its hash. */
  credential: z.string(),
});
export type AgentEnrolResult = z.infer<typeof agentEnrolResultSchema>;

export const agentHeartbeatSchema = z.object({
  version: safeText().max(64),
  location: locationCodeSchema,
  hostname: safeText().max(255).nullable().default(null),
  backlog: z.number().int().min(0),
  oldestUnsentAt: z.iso.datetime().nullable(),
  clockOffsetMs: z.number().nullable(),
  browserAvailable: z.boolean(),
  supportedKinds: z.array(stepKindSchema),
  unsupported: z.array(unsupportedCheckSchema).max(10_000).default([]),
});
export type AgentHeartbeat = z.infer<typeof agentHeartbeatSchema>;

/** Every protocol answer carries the server's time so the agent can measure its clock offset. */
export const agentHeartbeatReplySchema = z.object({ serverTime: z.string() });

export const agentAssignmentsSchema = z.object({
  /** Changes whenever the set of checks or any of their definitions does. */
  version: z.string(),
  /** False when the agent already had `version` (long poll timed out); `checks` is then empty. */
  changed: z.boolean(),
  checks: z.array(checkSchema),
  serverTime: z.string(),
});
export type AgentAssignments = z.infer<typeof agentAssignmentsSchema>;

/** Longest run duration the server stores: the longest flow budget is 10 minutes; a day leaves room for stalls. */
export const MAX_UPLOADED_RUN_DURATION_MS = 86_400_000;
/** Largest clock offset an agent may report: a century covers a board that booted at 1970 without a clock. */
export const MAX_CLOCK_OFFSET_MS = 100 * 365.25 * 86_400_000;

/** One of ARTIFACT_CONTENT_TYPES (typed as a string: the probes' evidence type is not narrowed). */
const uploadedArtifactTypeSchema = z
  .string()
  .refine(
    (type) => (ARTIFACT_CONTENT_TYPES as readonly string[]).includes(type),
    `must be one of ${ARTIFACT_CONTENT_TYPES.join(', ')}`,
  );

/** Ids that end up in URLs (`/runs/{runId}/artifacts/{artifactId}`) and in text columns. */
const uploadedIdSchema = safeText().min(1).max(100);

/**
 * A run as an agent uploads it: artifacts inline, and the clock offset the agent knew when it ran. Stricter than a
 * stored run: times must be dates, durations and offsets finite and bounded, artifacts of the allowed types.
 */
export const uploadedRunSchema = runSchema.extend({
  id: uploadedIdSchema,
  checkId: uploadedIdSchema,
  location: locationCodeSchema,
  startedAt: z.iso.datetime({ offset: true }),
  durationMs: z.number().finite().min(0).max(MAX_UPLOADED_RUN_DURATION_MS),
  artifacts: z
    .array(
      artifactRefSchema.omit({ bytes: true }).extend({
        id: uploadedIdSchema,
        contentType: uploadedArtifactTypeSchema,
        dataBase64: z.string().max(20_000_000),
      }),
    )
    .max(20)
    .default([]),
  clockOffsetMs: z
    .number()
    .finite()
    .min(-MAX_CLOCK_OFFSET_MS)
    .max(MAX_CLOCK_OFFSET_MS)
    .nullable()
    .default(null),
});
export type UploadedRun = z.infer<typeof uploadedRunSchema>;

/** Runs an agent had to drop (buffer full or too old): the gap is reported instead of silently missing. */
export const agentGapSchema = z.object({
  id: safeText().min(1).max(64),
  fromTime: z.iso.datetime(),
  toTime: z.iso.datetime(),
  droppedRuns: z.number().int().min(1),
  reason: z.enum(['buffer_full', 'too_old']),
  /** Dropped runs per check id. */
  byCheck: z.record(z.string(), z.number().int()).default({}),
});
export type AgentGap = z.infer<typeof agentGapSchema>;

export const agentRunBatchSchema = z.object({
  /** Each run is validated on its own, so one malformed run does not cost the others. */
  runs: z.array(z.unknown()).max(5000),
  gaps: z.array(agentGapSchema).max(1000).default([]),
});

export const agentRunBatchResultSchema = z.object({
  stored: z.number().int(),
  /** Runs the server already had (a replayed batch): safe to forget. */
  duplicates: z.number().int(),
  /** Runs that will never be accepted (malformed, or their check was deleted): forget them too. */
  rejected: z.array(z.object({ index: z.number().int(), id: z.string().nullable(), reason: z.string() })),
  gapsStored: z.number().int(),
  serverTime: z.string(),
});
export type AgentRunBatchResult = z.infer<typeof agentRunBatchResultSchema>;

/**
 * Transaction records an agent read from the logs it tails (`POST /api/v1/agent/transactions`), answered with the
 * ingest result. Each record is validated on its own; records carry external ids so a replayed batch counts once.
 */
export const agentTransactionBatchSchema = z.object({
  records: z.array(z.unknown()).max(50_000),
});
export type AgentTransactionBatch = z.infer<typeof agentTransactionBatchSchema>;

export const agentGapRecordSchema = agentGapSchema.extend({
  agentId: z.string(),
  agentName: z.string(),
  location: z.string(),
  receivedAt: z.string(),
});
export type AgentGapRecord = z.infer<typeof agentGapRecordSchema>;

export const AGENT_GAP_SORT_FIELDS = ['fromTime', 'droppedRuns'] as const;
export type AgentGapSortField = (typeof AGENT_GAP_SORT_FIELDS)[number];

/** `GET /agents/gaps`: newest first unless sorted by dropped runs, filtered by `agentId`, `location` and `reason`. */
export const agentGapListQuerySchema = pageQuerySchema({
  fields: AGENT_GAP_SORT_FIELDS,
  fallback: 'fromTime:desc',
}).extend({
  agentId: z.string().min(1).max(100).optional(),
  location: locationCodeSchema.optional(),
  reason: agentGapSchema.shape.reason.optional(),
});
export type AgentGapListQuery = z.infer<typeof agentGapListQuerySchema>;
export const agentGapPageSchema = pageOf(agentGapRecordSchema);
export type AgentGapPage = z.infer<typeof agentGapPageSchema>;

// ---- locations ---------------------------------------------------------------------------------------

export const locationInputSchema = z.object({
  name: safeText().trim().min(1).max(100),
  /** The region (city) results from this location are attributed to. */
  regionCode: dimensionCodeSchema.nullable().default(null),
  /** A channel site at the location, e.g. one business hall. */
  site: safeText().trim().max(200).nullable().default(null),
});
export type LocationInput = z.infer<typeof locationInputSchema>;

export const locationSchema = locationInputSchema.extend({
  code: locationCodeSchema,
  agents: z.number().int(),
  healthyAgents: z.number().int(),
  checks: z.number().int(),
  /** Results of the last hour at this location (null values when there were none). */
  lastHour: z.object({
    runs: z.number().int(),
    failures: z.number().int(),
    p95Ms: z.number().nullable(),
  }),
});
export type Location = z.infer<typeof locationSchema>;

export const LOCATION_SORT_FIELDS = ['code', 'name', 'agents', 'checks'] as const;
export type LocationSortField = (typeof LOCATION_SORT_FIELDS)[number];

/**
 * `GET /locations`: by code unless sorted otherwise (the code breaks ties), filtered by part of the code, name or site
 * (`text`) and by `region`: the locations mapped to that region, or named after it when not mapped to a city.
 */
export const locationListQuerySchema = pageQuerySchema({
  fields: LOCATION_SORT_FIELDS,
  fallback: 'code:asc',
}).extend({
  text: safeText().trim().min(1).max(200).optional(),
  region: dimensionCodeSchema.optional(),
});
export type LocationListQuery = z.infer<typeof locationListQuerySchema>;
export const locationPageSchema = pageOf(locationSchema);
export type LocationPage = z.infer<typeof locationPageSchema>;

// ---- platform events -----------------------------------------------------------------------------------

export const platformEventKindSchema = z.enum([
  'agent_enrolled',
  'agent_down',
  'agent_recovered',
  'agent_revoked',
  'agent_gap',
]);
export type PlatformEventKind = z.infer<typeof platformEventKindSchema>;

/**
 * Something the platform itself noticed. Clients say it in their user's language from `kind` and `params` (`agent`,
 * `location`, `since`, `droppedRuns`, `reason`, `fromTime`, `toTime`, as the kind has them); `message` is the English
 * for logs and API users. Events stored before params existed have none: clients show their message.
 */
export const platformEventSchema = z.object({
  id: z.string(),
  at: z.string(),
  kind: platformEventKindSchema,
  severity: z.enum(['info', 'warning', 'critical']),
  subject: z.string(),
  message: z.string(),
  params: messageParamsSchema,
});
export type PlatformEvent = z.infer<typeof platformEventSchema>;

/**
 * `GET /events`: a page of platform events, newest first by default. Filters combine with AND: `kind`, `agent` (an
 * agent's id: its events), `location` (the events of the agents at that location), `subject` (exact), and the time
 * `from` (inclusive) … `to` (exclusive).
 */
export const platformEventListQuerySchema = pageQuerySchema({
  fields: ['at'],
  fallback: 'at:desc',
  limit: { fallback: 100, max: 1000 },
}).extend({
  kind: platformEventKindSchema.optional(),
  agent: z.string().min(1).max(100).optional(),
  location: locationCodeSchema.optional(),
  subject: z.string().max(200).optional(),
  from: z.iso.datetime({ offset: true }).optional(),
  to: z.iso.datetime({ offset: true }).optional(),
});
export type PlatformEventListQuery = z.infer<typeof platformEventListQuerySchema>;
export type PlatformEventListQueryInput = z.input<typeof platformEventListQuerySchema>;

export const platformEventPageSchema = pageOf(platformEventSchema);
export type PlatformEventPage = z.infer<typeof platformEventPageSchema>;
