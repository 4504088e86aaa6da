import { resolve } from 'node:path';
import { setImmediate as setImmediatePromise } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import type { FastifyInstance } from 'fastify';
import {
  createLogger,
  createPrivateDir,
  settlesWithin,
  systemClock,
  type Clock,
  type Logger,
} from '@ganzhi/runtime';
import { buildApp } from './app.js';
import type { ServerConfig } from './config.js';
import { migrateToLatest, openDatabase, type Database, type DatabaseTarget } from './db/database.js';
import { createMetrics } from './http/metrics.js';
import { createProbingSetup } from '@ganzhi/probes';
import type { BootstrapResult } from './modules/auth/index.js';
import { PeriodicJob, retentionCutoffs } from './modules/jobs/index.js';
import {
  compactDirtyRollupsWithin,
  deleteRollupsBefore,
  type CompactRoundResult,
} from './modules/series/index.js';
import { deleteSnapshotsBefore } from './modules/indicators/index.js';
import { createSecretBox, loadOrCreateSecretKey } from './modules/secrets/index.js';
import { createServices, type Services } from './services.js';
import { GANZHI_VERSION } from './version.js';

export interface RunningServer {
  /** Base URL, ending with `/`. */
  readonly url: string;
  readonly app: FastifyInstance;
  readonly services: Services;
  readonly bootstrap: BootstrapResult;
  /**
   * Stops accepting requests and work, gives what is in flight (requests, probe runs, job cycles) a short grace
   * (`shutdownGraceMs`), abandons what overran it (probe runs are stored as interrupted), then closes the database.
   * Takes about the grace plus a second at most, whatever the targets or clients do.
   */
  close(): Promise<void>;
}

export interface StartServerOptions {
  readonly logger?: Logger;
  readonly clock?: Clock;
  /** Overrides where the console's built files are served from. */
  readonly consoleDir?: string;
  /** How long `close()` lets work in flight finish before abandoning it (default 2 s). */
  readonly shutdownGraceMs?: number;
}

/** The default grace of work in flight at shutdown: a service manager's stop timeout is often 5–10 s. */
const SHUTDOWN_GRACE_MS = 2000;
/** The release of probe workers gets this long at the very end (flows abandoned above may still hold one). */
const SHUTDOWN_FLUSH_MS = 500;

/**
 * Probe runs finishing within this window share one write transaction (about 50 at 1,000 checks every 20 s): the
 * statements and the pages a commit writes are paid once per batch instead of once per run. A scheduled run is
 * stored at most this much later; it gives its concurrency slot back before (a run asked for by a user is written
 * at once).
 */
const RUN_BATCH_WINDOW_MS = 1000;

const DEFAULT_CONSOLE_DIR = fileURLToPath(new URL('../../console/dist', import.meta.url));

function databaseTarget(config: ServerConfig): DatabaseTarget {
  if (config.databaseUrl) return { dialect: 'postgres', url: config.databaseUrl };
  createPrivateDir(config.dataDir);
  return { dialect: 'sqlite', path: config.databasePath };
}

/**
 * Buckets per resolution in one compaction round. A bucket of a busy series takes up to ~35 ms to rebuild on
 * SQLite (its exact histogram), so a round stays within a few hundred milliseconds.
 */
const COMPACTION_ROUND_LIMIT = 10;

/**
 * Compacts dirty rollups in small rounds until caught up, `budgetMs` is spent or `signal` aborts; a backfill's
 * backlog drains over several runs, oldest marks first. Between rounds it yields to the event loop: on SQLite every
 * query is synchronous, so one long chain of rounds would hold off timers, requests and a shutdown signal alike.
 */
async function compactRollups(
  services: Services,
  options: { timeZone: string; budgetMs: number; signal: AbortSignal; limit?: number },
): Promise<CompactRoundResult> {
  const { db, clock } = services;
  const deadline = clock.now() + options.budgetMs;
  let compacted = 0;
  let calls = 0;
  for (;;) {
    const round = await compactDirtyRollupsWithin(db, {
      timeZone: options.timeZone,
      limit: options.limit ?? COMPACTION_ROUND_LIMIT,
      clock,
      budgetMs: 0,
    });
    compacted += round.compacted;
    calls += round.calls;
    if (round.isCaughtUp) return { compacted, calls, isCaughtUp: true };
    if (options.signal.aborted || clock.now() >= deadline) return { compacted, calls, isCaughtUp: false };
    await setImmediatePromise();
  }
}

function createJobs(services: Services, config: ServerConfig, logger: Logger): PeriodicJob[] {
  const { db, clock } = services;
  const compaction = new PeriodicJob({
    name: 'rollup-compaction',
    intervalMs: 60_000,
    clock,
    logger,
    run: async (signal) => {
      const round = await compactRollups(services, { timeZone: config.timeZone, budgetMs: 30_000, signal });
      if (!round.isCaughtUp) logger.info({ job: 'rollup-compaction', ...round }, 'rollup compaction behind');
    },
  });
  const retention = new PeriodicJob({
    name: 'retention',
    intervalMs: 3_600_000,
    clock,
    logger,
    run: async (signal) => {
      const cutoffs = retentionCutoffs(
        {
          runsDays: config.retentionRunsDays,
          minuteRollupDays: config.retentionMinuteRollupDays,
          hourRollupDays: config.retentionHourRollupDays,
          dayRollupDays: config.retentionDayRollupDays,
        },
        clock.now(),
      );
      const dayMs = 86_400_000;
      const steps: (() => Promise<unknown>)[] = [
        () => services.runs.deleteRunsBefore({ beforeMs: cutoffs.runsBeforeMs }),
        () => deleteRollupsBefore(db, 'rollups_minute', cutoffs.minuteBeforeMs),
        () => deleteRollupsBefore(db, 'rollups_hour', cutoffs.hourBeforeMs),
        () => deleteRollupsBefore(db, 'rollups_day', cutoffs.dayBeforeMs),
        () => services.auth.pruneSessions(),
        () => services.audit.prune(),
        () => services.transactions.prune(),
        () => services.resources.samples.prune(),
        () => deleteSnapshotsBefore(db, '5m', clock.now() - config.retentionScore5mDays * dayMs),
        () => deleteSnapshotsBefore(db, '1h', clock.now() - config.retentionScore1hDays * dayMs),
      ];
      // Each step deletes on its own: stopped between two (shutdown), the rest waits for the next cycle.
      for (const step of steps) {
        if (signal.aborted) return;
        await step();
      }
    },
  });
  const agentMonitor = new PeriodicJob({
    name: 'agent-monitor',
    intervalMs: 5000,
    clock,
    logger,
    run: () => services.agents.monitor(),
  });
  const scoreEvaluator = new PeriodicJob({
    name: 'score-evaluator',
    intervalMs: 30_000,
    clock,
    logger,
    run: async (signal) => {
      await services.scoreEvaluator.evaluateDue(clock.now(), signal);
    },
  });
  return [compaction, retention, agentMonitor, scoreEvaluator];
}

/** Opens storage, migrates, bootstraps the admin, and starts the API, console, built-in agent and jobs. */
export async function startServer(
  config: ServerConfig,
  options: StartServerOptions = {},
): Promise<RunningServer> {
  const logger = options.logger ?? createLogger({ level: config.logLevel });
  const clock = options.clock ?? systemClock;
  const metrics = createMetrics();
  const database: Database = openDatabase(databaseTarget(config), {
    onQuery: (ms, failed) => metrics.dbQuerySeconds.observe({ outcome: failed ? 'error' : 'ok' }, ms / 1000),
  });
  try {
    await migrateToLatest(database);
  } catch (error) {
    await database.close();
    throw error;
  }
  const probing = await createProbingSetup(config);
  const services = createServices({
    db: database.db,
    clock,
    logger,
    metrics,
    timeZone: config.timeZone,
    version: GANZHI_VERSION,
    probeConcurrency: config.probeConcurrency,
    agentClockSkewMs: config.agentClockSkewMs,
    probing,
    ingest: {
      storeRaw: config.ingestStoreRaw,
      rawRetentionDays: config.retentionRawTransactionsDays,
      customerIds: config.ingestCustomerIds,
      customerIdKey: config.customerIdKey,
      dedupDays: config.ingestDedupDays,
      minuteRetentionDays: config.retentionMinuteRollupDays,
      maxFutureMs: 5 * 60_000,
    },
    scoreWindowMinutes: config.scoreWindowMinutes,
    resourceSamples: { minuteRetentionDays: config.retentionResourceMinuteDays, maxFutureMs: 5 * 60_000 },
    baselineDeviationRatio: config.baselineDeviationRatio,
    sessions: { idleMinutes: config.sessionIdleMinutes, maxHours: config.sessionMaxHours },
    auditRetentionDays: config.auditRetentionDays,
    stepDetailRuns: config.retentionStepDetailRuns,
    runBatchWindowMs: RUN_BATCH_WINDOW_MS,
    secretBox: createSecretBox(
      loadOrCreateSecretKey({
        fromEnv: config.secretKey?.reveal(),
        path: resolve(config.dataDir, 'secret.key'),
      }),
    ),
    requireAdminTotp: config.require2fa,
  });
  await services.dimensions.seedDefaults();
  const bootstrap = await services.auth.bootstrapAdmin({ password: config.adminPassword });
  let shuttingDown = false;
  const app = await buildApp({
    services,
    metrics,
    logger,
    consoleDir: options.consoleDir ?? DEFAULT_CONSOLE_DIR,
    version: GANZHI_VERSION,
    isShuttingDown: () => shuttingDown,
    ingestLimits: {
      maxBodyBytes: config.ingestMaxBodyBytes,
      maxDecodedBytes: Math.max(config.ingestMaxBodyBytes, 64 * 1024 * 1024),
      maxRecords: config.ingestMaxRecords,
    },
    http: { publicUrl: config.publicUrl ?? null, trustProxy: config.trustProxy },
  });
  await app.listen({ port: config.port, host: config.host });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  const host = config.host === '0.0.0.0' || config.host === '::' ? '127.0.0.1' : config.host;
  await services.builtinAgent.start();
  await services.resources.scraper.start();
  const jobs = createJobs(services, config, logger);
  for (const job of jobs) job.start();

  return {
    url: `http://${host.includes(':') ? `[${host}]` : host}:${port}/`,
    app,
    services,
    bootstrap,
    async close() {
      shuttingDown = true;
      const graceMs = options.shutdownGraceMs ?? SHUTDOWN_GRACE_MS;
      // Long polls answer now rather than at the end of their wait (up to a minute).
      services.agents.releaseWaiters();
      // Stops listening; idle keep-alive connections close now, busy ones once their request is answered.
      const httpClosed = app.close();
      const workStopped = Promise.all([
        services.builtinAgent.stop({ graceMs }),
        services.resources.scraper.stop({ graceMs }),
        ...jobs.map((job) => job.stop({ graceMs })),
      ]);
      // Still open after the grace: requests that overran it, and connections that never sent one, which Node
      // does not count as idle and would otherwise hold the close until the client gives up (about a minute).
      if (!(await settlesWithin(httpClosed, { clock, ms: graceMs }))) app.server.closeAllConnections();
      await httpClosed;
      await workStopped;
      // One round of compaction on the way out; dirty marks are durable, so a backlog waits for the next start.
      try {
        const last = { timeZone: config.timeZone, budgetMs: 0, signal: AbortSignal.abort(), limit: 5 };
        const round = await compactRollups(services, last);
        if (!round.isCaughtUp) logger.info(round, 'rollup compaction left to the next start');
      } catch (error) {
        logger.warn({ err: error }, 'final compaction failed');
      }
      // Flows abandoned above may still hold a worker; the process exit ends them.
      await settlesWithin(probing.close(), { clock, ms: SHUTDOWN_FLUSH_MS });
      await database.close();
    },
  };
}
