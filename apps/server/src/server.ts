import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FastifyInstance } from 'fastify';
import { createLogger, createPrivateDir, systemClock, type Clock, type Logger } from '@ganzhi/runtime';
import { buildApp } from './app.js';
import type { ServerConfig } from './config.js';
import { migrateToLatest, openDatabase, type Database, type DatabaseTarget } from './db/database.js';
import { createMetrics } from './http/metrics.js';
import { createProbingSetup } from '@ganzhi/probes';
import type { BootstrapResult } from './modules/auth/index.js';
import { PeriodicJob, retentionCutoffs } from './modules/jobs/index.js';
import { compactDirtyRollupsWithin, deleteRollupsBefore } from './modules/series/index.js';
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
  /** Stops accepting requests, lets in-flight requests and runs finish their writes, then closes the database. */
  close(): Promise<void>;
}

export interface StartServerOptions {
  readonly logger?: Logger;
  readonly clock?: Clock;
  /** Overrides where the console's built files are served from. */
  readonly consoleDir?: string;
}

const DEFAULT_CONSOLE_DIR = fileURLToPath(new URL('../../console/dist', import.meta.url));

function databaseTarget(config: ServerConfig): DatabaseTarget {
  if (config.databaseUrl) return { dialect: 'postgres', url: config.databaseUrl };
  createPrivateDir(config.dataDir);
  return { dialect: 'sqlite', path: config.databasePath };
}

function createJobs(services: Services, config: ServerConfig, logger: Logger): PeriodicJob[] {
  const { db, clock } = services;
  const compaction = new PeriodicJob({
    name: 'rollup-compaction',
    intervalMs: 60_000,
    clock,
    logger,
    run: async () => {
      // Bounded, so a backfill's backlog drains over several runs instead of holding the job (and shutdown) for
      // its whole length; marks left over are taken oldest first by the next run.
      const round = await compactDirtyRollupsWithin(db, {
        timeZone: config.timeZone,
        limit: 500,
        clock,
        budgetMs: 30_000,
      });
      if (!round.isCaughtUp) logger.info({ job: 'rollup-compaction', ...round }, 'rollup compaction behind');
    },
  });
  const retention = new PeriodicJob({
    name: 'retention',
    intervalMs: 3_600_000,
    clock,
    logger,
    run: async () => {
      const cutoffs = retentionCutoffs(
        {
          runsDays: config.retentionRunsDays,
          minuteRollupDays: config.retentionMinuteRollupDays,
          hourRollupDays: config.retentionHourRollupDays,
          dayRollupDays: config.retentionDayRollupDays,
        },
        clock.now(),
      );
      await services.runs.deleteRunsBefore({ beforeMs: cutoffs.runsBeforeMs });
      await deleteRollupsBefore(db, 'rollups_minute', cutoffs.minuteBeforeMs);
      await deleteRollupsBefore(db, 'rollups_hour', cutoffs.hourBeforeMs);
      await deleteRollupsBefore(db, 'rollups_day', cutoffs.dayBeforeMs);
      await services.auth.pruneSessions();
      await services.audit.prune();
      await services.transactions.prune();
      await services.resources.samples.prune();
      const dayMs = 86_400_000;
      await deleteSnapshotsBefore(db, '5m', clock.now() - config.retentionScore5mDays * dayMs);
      await deleteSnapshotsBefore(db, '1h', clock.now() - config.retentionScore1hDays * dayMs);
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
    run: async () => {
      await services.scoreEvaluator.evaluateDue(clock.now());
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
      services.agents.releaseWaiters();
      await app.close();
      await services.builtinAgent.stop();
      await services.resources.scraper.stop();
      for (const job of jobs) await job.stop();
      await jobs[0]
        ?.runOnce()
        .catch((error: unknown) => logger.warn({ err: error }, 'final compaction failed'));
      await probing.close();
      await database.close();
    },
  };
}
