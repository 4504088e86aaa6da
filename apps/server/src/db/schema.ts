/**
 * Table shapes shared by both engines. Portable types only: timestamps are epoch milliseconds in BIGINT
 * (pg's int8 parser is set to return numbers), JSON is TEXT serialised by the repositories, booleans are 0/1 integers.
 */
import type { Generated } from 'kysely';
import type {
  ApiTokenTable,
  AuditEventTable,
  LoginAttemptTable,
  RoleTable,
  SessionTable,
  StoredSecretTable,
  UserTable,
} from './access-schema.js';

export type {
  ApiTokenTable,
  AuditEventTable,
  LoginAttemptTable,
  RoleTable,
  SessionTable,
  StoredSecretTable,
  UserTable,
} from './access-schema.js';

export interface ChannelTable {
  code: string;
  name_zh: string;
  name_en: string;
}

export interface BusinessTable {
  code: string;
  name_zh: string;
  name_en: string;
  type: string;
  sla_ms: number | null;
  /** JSON array of system codes. */
  systems: string;
}

export interface RegionTable {
  code: string;
  parent_code: string | null;
  level: string;
  name_zh: string;
  name_en: string;
}

export interface SegmentTable {
  code: string;
  name_zh: string;
  name_en: string;
}

export interface SystemTable {
  code: string;
  name_zh: string;
  name_en: string;
  planned_utilisation: number;
}

export interface DimensionAliasTable {
  kind: string;
  alias: string;
  code: string;
}

export interface IngestExternalIdTable {
  external_id: string;
  received_at: number;
}

/** A raw transaction record, kept only when raw retention is on. */
export interface TransactionTable {
  time_ms: number;
  business: string;
  channel: string;
  region: string;
  segment: string | null;
  system: string | null;
  host: string | null;
  clerk_id: string | null;
  terminal_id: string | null;
  /** The customer id hashed (or as sent, when configured so); null when dropped. */
  customer: string | null;
  latency_ms: number;
  outcome: string;
  error_class: string | null;
  external_id: string | null;
  received_at: number;
}

export interface CheckTable {
  id: string;
  name: string;
  description: string | null;
  enabled: number;
  interval_seconds: number;
  business: string | null;
  channel: string | null;
  region: string | null;
  tags_json: string;
  locations_json: string;
  steps_json: string;
  variables_json: string;
  flow_timeout_ms: number;
  created_at: number;
  updated_at: number;
  /** The name lower-cased by the server (JavaScript's Unicode folding), for case-insensitive search. */
  name_folded: string;
}

/** The newest run of each check, kept by the checks module as runs are stored (the list never scans runs). */
export interface CheckLatestRunTable {
  check_id: string;
  run_id: string;
  location: string;
  started_at: number;
  duration_ms: number;
  ok: number;
  error_class: string | null;
}

/** Runs of a check per clock hour (start time), for its 24-hour success ratio; older hours are pruned. */
export interface CheckRunHourTable {
  check_id: string;
  hour_start: number;
  runs: number;
  ok_runs: number;
}

export interface AgentTable {
  id: string;
  name: string;
  location: string;
  version: string;
  builtin: number;
  backlog: number;
  last_seen_at: number | null;
  created_at: number;
  hostname: string | null;
  /** SHA-256 of the agent's credential; null for the built-in agent. */
  credential_hash: string | null;
  revoked_at: number | null;
  oldest_unsent_at: number | null;
  clock_offset_ms: number | null;
  browser_available: number | null;
  supported_kinds_json: string;
  unsupported_json: string;
  /** The last health the down detector acted on, so each transition raises one event. */
  health_state: string;
}

export interface EnrolmentTokenTable {
  id: string;
  token_hash: string;
  location: string | null;
  created_by: string;
  created_at: number;
  expires_at: number;
  used_at: number | null;
  agent_id: string | null;
  revoked_at: number | null;
}

export interface LocationTable {
  code: string;
  name: string;
  region_code: string | null;
  site: string | null;
  created_at: number;
}

export interface AgentGapTable {
  agent_id: string;
  id: string;
  location: string;
  from_at: number;
  to_at: number;
  dropped_runs: number;
  reason: string;
  by_check_json: string;
  received_at: number;
}

export interface PlatformEventTable {
  id: string;
  at: number;
  kind: string;
  severity: string;
  subject: string;
  message: string;
  details_json: string;
}

/**
 * Every stored run, compact (see migration 0015): integer keys for the check and the agent × location it came from,
 * the duration in whole microseconds, the run id as bytes (modules/runs/run-id-bytes.ts). The primary key
 * (check_no, started_at, origin_no) is also what makes a run unique: an agent never starts one check twice in the
 * same millisecond. On SQLite the table is WITHOUT ROWID, so the key is the only copy of those columns.
 */
export interface RunTable {
  check_no: number;
  started_at: number;
  origin_no: number;
  duration_us: number;
  ok: number;
  id: Uint8Array;
  error_class: string | null;
  error_message: string | null;
  clock_correction_ms: number | null;
}

/**
 * Step results (compact JSON, modules/runs/step-detail-codec.ts) of the runs that keep them: every failure and the
 * newest runs of each check (GANZHI_RETENTION_STEP_DETAIL_RUNS). `ok` leads the key, so the passing details of a
 * check are one key range.
 */
export interface RunDetailTable {
  ok: number;
  check_no: number;
  started_at: number;
  origin_no: number;
  steps: string;
}

/** The integer key of each check id that has runs (never reused or deleted, so caching it is always safe). */
export interface RunCheckTable {
  no: Generated<number>;
  check_id: string;
}

/** The integer key of each agent × location runs came from (never reused or deleted). */
export interface RunOriginTable {
  no: Generated<number>;
  agent_id: string;
  location: string;
}

export interface ArtifactTable {
  id: string;
  run_id: string;
  /** The check of the run, so a download is authorised without looking the run up by id. */
  check_id: string;
  kind: string;
  content_type: string;
  content: Uint8Array;
  created_at: number;
}

export interface SeriesTable {
  series_key: string;
  source: string;
  check_id: string | null;
  location: string | null;
  business: string | null;
  channel: string | null;
  region: string | null;
  /** Customer segment of transaction series (null for probe series and unsegmented records). */
  segment: string | null;
  created_at: number;
}

/**
 * One row per series per bucket. The latency histogram is a sparse JSON object `h` (bucket index → count, layout in
 * @ganzhi/quality); both engines merge it atomically inside `ON CONFLICT … DO UPDATE` (see db/bulk-upsert.ts).
 */
export interface RollupTable {
  series_key: string;
  bucket_start: number;
  count: number;
  failures: number;
  latency_sum_ms: number;
  h: string;
}

/** Coarser buckets whose finer rows changed since they were last compacted (late data re-aggregates them). */
export interface RollupDirtyTable {
  resolution: string;
  series_key: string;
  bucket_start: number;
  marked_at: number;
}

/** A user's version of a built-in indicator, or a custom indicator (definition as JSON). */
export interface IndicatorDefinitionTable {
  id: string;
  definition: string;
  updated_at: number;
}

export interface ScoreSnapshotTable {
  resolution: string;
  scope: string;
  business: string;
  channel: string;
  region: string;
  bucket_start: number;
  score: number | null;
  reliability: number | null;
  efficiency: number | null;
  usability: number | null;
  integrity: number | null;
  volume: number;
  failures: number;
  p95_ms: number | null;
  worst_key: string | null;
  worst_score: number | null;
  capped: number;
}

/** A baseline version (slots as JSON: [dayClass|hour, expected, low, high, samples][]) or a static baseline. */
export interface BaselineTable {
  id: string;
  kind: string;
  name: string;
  business: string;
  channel: string;
  region: string | null;
  metric: string;
  from_ms: number | null;
  to_ms: number | null;
  value: number | null;
  slots: string;
  created_at: number;
}

/** One system × host × metric × minute of resource samples (merged: sum, count, min, max). */
export interface ResourceMinuteTable {
  system: string;
  host: string;
  metric: string;
  bucket_start: number;
  sum: number;
  count: number;
  min: number;
  max: number;
}

/** A Prometheus endpoint scraped on an interval (host rule and metric mappings as JSON). */
export interface ScrapeTargetTable {
  id: string;
  name: string;
  url: string;
  interval_seconds: number;
  timeout_ms: number;
  system: string;
  host_json: string;
  mappings_json: string;
  enabled: number;
  created_at: number;
  updated_at: number;
  last_scrape_at: number | null;
  last_status: string | null;
  last_samples: number | null;
  last_error: string | null;
}

/** Capacity settings of a system: tpmC plan and configuration, running-index threshold and daytime window. */
export interface SystemCapacityTable {
  system: string;
  planned_tpmc: number | null;
  configured_tpmc: number | null;
  cpu_threshold_percent: number;
  daytime_start_hour: number;
  daytime_end_hour: number;
  updated_at: number;
}

/** Values reported for external indicators, summed per minute and scope. */
export interface ExternalMinuteTable {
  name: string;
  business: string;
  channel: string;
  region: string;
  bucket_start: number;
  sum: number;
  count: number;
}

export interface DatabaseSchema {
  users: UserTable;
  sessions: SessionTable;
  api_tokens: ApiTokenTable;
  roles: RoleTable;
  login_attempts: LoginAttemptTable;
  audit_events: AuditEventTable;
  stored_secrets: StoredSecretTable;
  channels: ChannelTable;
  businesses: BusinessTable;
  regions: RegionTable;
  segments: SegmentTable;
  systems: SystemTable;
  dimension_aliases: DimensionAliasTable;
  ingest_external_ids: IngestExternalIdTable;
  transactions: TransactionTable;
  checks: CheckTable;
  check_latest_runs: CheckLatestRunTable;
  check_run_hours: CheckRunHourTable;
  agents: AgentTable;
  enrolment_tokens: EnrolmentTokenTable;
  locations: LocationTable;
  agent_gaps: AgentGapTable;
  platform_events: PlatformEventTable;
  runs: RunTable;
  run_details: RunDetailTable;
  run_checks: RunCheckTable;
  run_origins: RunOriginTable;
  artifacts: ArtifactTable;
  series: SeriesTable;
  rollups_minute: RollupTable;
  rollups_hour: RollupTable;
  rollups_day: RollupTable;
  rollup_dirty: RollupDirtyTable;
  indicator_definitions: IndicatorDefinitionTable;
  score_snapshots: ScoreSnapshotTable;
  resource_minute: ResourceMinuteTable;
  scrape_targets: ScrapeTargetTable;
  system_capacity: SystemCapacityTable;
  baselines: BaselineTable;
  external_minute: ExternalMinuteTable;
}

export type RollupTableName = 'rollups_minute' | 'rollups_hour' | 'rollups_day';
