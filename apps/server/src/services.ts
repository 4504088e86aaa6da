import { sql, type Kysely } from 'kysely';
import type { Clock, Logger } from '@ganzhi/runtime';
import type { ProbingSetup } from '@ganzhi/probes';
import type { DatabaseSchema } from './db/schema.js';
import type { Metrics } from './http/metrics.js';
import {
  BuiltinAgent,
  createAgentService,
  createEnrolmentTokenService,
  createLocationService,
} from './modules/agents/index.js';
import { createAuditService } from './modules/audit/index.js';
import { createSecretService, type SecretBox } from './modules/secrets/index.js';
import { createAuthService, type SessionSettings } from './modules/auth/index.js';
import { createCheckService, recordLatestRuns } from './modules/checks/index.js';
import { createDimensionService } from './modules/dimensions/index.js';
import { createEventService } from './modules/events/index.js';
import { createRunService } from './modules/runs/index.js';
import {
  createTransactionIngestService,
  createTransactionQueryService,
  DEFAULT_INGEST_SETTINGS,
  type IngestSettings,
} from './modules/ingest/index.js';
import { createSeriesService } from './modules/series/index.js';
import {
  createResourceServices,
  readSystemMeasurements,
  type ResourceSampleSettings,
} from './modules/resources/index.js';
import { createBaselineService } from './modules/baselines/index.js';
import {
  createIndicatorService,
  ingestExternal,
  createScoreEvaluator,
  createScoreService,
} from './modules/indicators/index.js';

export interface ServicesDeps {
  readonly db: Kysely<DatabaseSchema>;
  readonly clock: Clock;
  readonly logger: Logger;
  readonly metrics: Metrics;
  readonly timeZone: string;
  readonly version: string;
  readonly probeConcurrency: number;
  readonly agentClockSkewMs: number;
  /** How the built-in agent probes: address policy, secrets, browser. */
  readonly probing: ProbingSetup;
  /** Passive ingestion settings (defaults: no raw records, customer ids hashed). */
  readonly ingest?: IngestSettings;
  /** The trailing window 5-minute score snapshots cover (default 15 minutes). */
  readonly scoreWindowMinutes?: number;
  /** Resource minute-data retention (default 62 days: the running index of this and the previous month). */
  readonly resourceSamples?: ResourceSampleSettings;
  /** Deviation from the learned baseline flagged beyond this ratio (default 1.5). */
  readonly baselineDeviationRatio?: number;
  /** Session idle timeout and absolute lifetime (defaults: 60 minutes, 12 hours). */
  readonly sessions?: SessionSettings;
  /** Audit entries kept this many days (default 400). */
  readonly auditRetentionDays?: number;
  /** Passing runs keep their step results while among this many newest of their check (default 20). */
  readonly stepDetailRuns?: number;
  /** How long a probe run waits for others to share its write transaction, in ms (default 0: the same tick). */
  readonly runBatchWindowMs?: number;
  /** Seals stored secrets and second-factor keys with the server's secret key. */
  readonly secretBox: SecretBox;
  /** Sign-in needs a second factor for admins (`GANZHI_REQUIRE_2FA`). */
  readonly requireAdminTotp?: boolean;
}

/** Wires the feature modules together. The only place that knows every module. */
export function createServices(deps: ServicesDeps) {
  const { db, clock, logger, metrics } = deps;
  const series = createSeriesService({
    clock,
    timeZone: deps.timeZone,
    // Called only after construction, when `scoreEvaluator` below is initialised.
    onMinutesWritten: (range) => scoreEvaluator.noteMinutesWritten(range),
  });
  const runs = createRunService({
    db,
    clock,
    series,
    ...(deps.stepDetailRuns === undefined ? {} : { detailKeep: deps.stepDetailRuns }),
    ...(deps.runBatchWindowMs === undefined ? {} : { batchWindowMs: deps.runBatchWindowMs }),
    onStored: (run) => {
      metrics.runsExecuted.inc({
        outcome: run.errorClass === 'interrupted' ? 'interrupted' : run.ok ? 'ok' : 'failed',
      });
      metrics.ingestBatches.inc({ kind: 'runs' });
    },
    // Each check's latest run and hour counts, for the checks list: kept in the transaction that stores the runs.
    onStoredInTransaction: (stored) => recordLatestRuns(stored.db, stored),
  });
  const dimensions = createDimensionService({ db, clock: deps.clock });
  const audit = createAuditService({
    db,
    clock,
    logger: logger.child({ module: 'audit' }),
    ...(deps.auditRetentionDays ? { retentionDays: deps.auditRetentionDays } : {}),
  });
  const secrets = createSecretService({
    db,
    box: deps.secretBox,
    audit,
    logger: logger.child({ module: 'secrets' }),
    environmentNames: Object.keys(deps.probing.secrets),
  });
  const checks = createCheckService({
    db,
    clock,
    dimensions,
    runs,
    supportedKinds: () => deps.probing.supportedKinds,
    onChange: () => {
      // Called only after construction, when `builtinAgent` and `agents` below are initialised.
      agents.notifyChanged();
      builtinAgent
        .reload({ runNewNow: true })
        .catch((error: unknown) => logger.error({ err: error }, 'scheduler reload failed'));
    },
  });
  const events = createEventService({ db, clock, logger: logger.child({ module: 'events' }) });
  const agents = createAgentService({
    db,
    clock,
    logger: logger.child({ module: 'agents' }),
    checks,
    runs,
    events,
    clockSkewThresholdMs: deps.agentClockSkewMs,
  });
  const builtinAgent = new BuiltinAgent({
    agents,
    clock,
    logger: logger.child({ module: 'builtin-agent' }),
    checks,
    runs,
    version: deps.version,
    concurrency: deps.probeConcurrency,
    probing: deps.probing,
    storedSecrets: (names) => secrets.revealForProbing(names),
  });
  const resources = createResourceServices({
    db,
    clock,
    logger,
    timeZone: deps.timeZone,
    dimensions,
    addressPolicy: deps.probing.addressPolicy,
    ...(deps.resourceSamples ? { settings: deps.resourceSamples } : {}),
    onCommitted: () => metrics.ingestBatches.inc({ kind: 'resource_samples' }),
  });
  const indicators = createIndicatorService({ db, clock });
  // The month's capacity indices change slowly: read once per hour for the resource KPIs.
  let capacity: { hour: number; report: ReturnType<typeof resources.capacity.monthReport> } | undefined;
  const systemValues = async (window: { fromMs: number; toMs: number }) => {
    const hour = Math.floor(clock.now() / 3_600_000);
    if (capacity?.hour !== hour) capacity = { hour, report: resources.capacity.monthReport({}) };
    const report = await capacity.report.catch(() => null);
    return readSystemMeasurements(db, { ...window, capacity: report });
  };
  const scoreDeps = {
    db,
    activeIndicators: () => indicators.activeIndicators(),
    dimensions: () => dimensions.listDimensions(),
  };
  const scoreEvaluator = createScoreEvaluator({
    ...scoreDeps,
    logger: logger.child({ module: 'scores' }),
    trailingWindowMs: (deps.scoreWindowMinutes ?? 15) * 60_000,
    catchUpMs: 6 * 3_600_000,
    settleMs: 30_000,
    timeZone: deps.timeZone,
    baselineDays: 90,
    systemValues,
  });
  return {
    db,
    clock,
    indicators,
    baselines: createBaselineService({
      db,
      clock,
      timeZone: deps.timeZone,
      dimensions: () => dimensions.listDimensions(),
      maxDeviationRatio: deps.baselineDeviationRatio ?? 1.5,
      learnDays: 90,
    }),
    scores: createScoreService({
      ...scoreDeps,
      clock,
      listChecks: () => checks.listCheckSummaries(),
      regionScope: (grant) => dimensions.regionScope(grant),
      baselinesAt: (atMs) => scoreEvaluator.baselinesAt(atMs),
      systemValues,
    }),
    scoreEvaluator,
    /** Values reported for the external indicators, kept as long as minute rollups. */
    ingestExternal: async (records: readonly unknown[]) => {
      const resolver = await dimensions.resolver();
      const now = clock.now();
      return ingestExternal(db, records, {
        resolve: (kind, value) => resolver.resolve(kind, value),
        nowMs: now,
        oldestMs: now - 14 * 86_400_000,
      });
    },
    audit,
    secrets,
    auth: createAuthService({
      db,
      clock,
      logger: logger.child({ module: 'auth' }),
      audit,
      ...(deps.sessions ? { sessions: deps.sessions } : {}),
      regionScope: (grant) => dimensions.regionScope(grant),
      secretBox: deps.secretBox,
      ...(deps.requireAdminTotp ? { requireAdminTotp: true } : {}),
      regionCodes: async () => new Set((await dimensions.listDimensions()).regions.map((r) => r.code)),
    }),
    dimensions,
    series,
    runs,
    checks,
    builtinAgent,
    agents,
    locations: createLocationService({ db, clock, checks }),
    enrolmentTokens: createEnrolmentTokenService({ db }),
    transactionQueries: createTransactionQueryService({
      db,
      clock,
      regionScope: (grant) => dimensions.regionScope(grant),
    }),
    transactions: createTransactionIngestService({
      db,
      clock,
      series,
      dimensions,
      settings: deps.ingest ?? DEFAULT_INGEST_SETTINGS,
      onCommitted: (result) => {
        metrics.ingestBatches.inc({ kind: 'transactions' });
        metrics.ingestRecords.inc({ outcome: 'accepted' }, result.accepted);
        metrics.ingestRecords.inc({ outcome: 'duplicate' }, result.duplicates);
        metrics.ingestRecords.inc({ outcome: 'rejected' }, result.rejected.length);
      },
    }),
    events,
    resources,
    pingDatabase: async () => {
      await sql`select 1`.execute(db);
    },
  };
}

export type Services = ReturnType<typeof createServices>;
