import { createHash } from 'node:crypto';
import { hostname } from 'node:os';
import { join } from 'node:path';
import {
  agentHeartbeatReplySchema,
  type AgentHeartbeat,
  type Check,
  type UnsupportedCheck,
  type UploadedRun,
} from '@ganzhi/contracts';
import {
  CheckScheduler,
  createProbingSetup,
  executeCheck,
  unsupportedKinds,
  type ProbingSetup,
} from '@ganzhi/probes';
import { systemClock, type Clock, type Logger } from '@ganzhi/runtime';
import type { AgentConfig } from './config.js';
import { OutboxStore } from './outbox/outbox-store.js';
import { Uploader } from './outbox/uploader.js';
import { AssignmentSync } from './sync/assignment-sync.js';
import { ClockOffsetEstimator } from './sync/clock-offset.js';
import { obtainIdentity, type Identity } from './sync/enrolment.js';
import { ServerClient } from './sync/server-client.js';
import { FileTailer, type TailerStatus } from './tail/file-tailer.js';

export interface AgentStatus {
  readonly checks: number;
  readonly unsupported: readonly UnsupportedCheck[];
  readonly backlog: number;
  readonly bufferBytes: number;
  readonly clockOffsetMs: number | null;
  readonly uploadedRuns: number;
  /** Records from tailed logs waiting for upload. */
  readonly bufferedRecords: number;
  readonly uploadedRecords: number;
  readonly tails: readonly TailerStatus[];
}

export interface RunningAgent {
  readonly store: OutboxStore;
  status(): AgentStatus;
  /** Stops scheduling, waits for runs in flight to be committed, and closes the store. */
  stop(): Promise<void>;
}

export interface StartAgentOptions {
  readonly clock?: Clock;
  readonly logger: Logger;
  readonly version: string;
  /** Probing setup to use instead of one built from the config (tests). */
  readonly probing?: ProbingSetup;
}

type ScheduledCheck = Check & { readonly revision: string };

/**
 * The agent part of tailed records' external ids: its id, or its name when it was started with a credential and
 * never learnt its id. Long names are shortened (with a hash) so ids stay within the 200 characters records allow.
 */
function externalIdPrefix(agentId: string | null, name: string): string {
  const key = agentId ?? name;
  if (key.length <= 48) return key;
  return `${key.slice(0, 32)}~${createHash('sha256').update(key).digest('hex').slice(0, 12)}`;
}

/** Everything waiting for upload, for the heartbeat: runs and records together, and the oldest of either. */
function backlogOf(stats: ReturnType<OutboxStore['stats']>): {
  backlog: number;
  oldestUnsentAt: string | null;
} {
  const oldest = [stats.oldestStartedAtMs, stats.oldestRecordsAt].filter((value) => value !== null);
  return {
    backlog: stats.runs + stats.records,
    oldestUnsentAt: oldest.length === 0 ? null : new Date(Math.min(...oldest)).toISOString(),
  };
}

/**
 * A remote agent: enrols (once), then runs its share of its location's checks on their schedule, commits every
 * run to the durable outbox before it counts, uploads the outbox in order, heartbeats its status and keeps
 * working on its last known assignment while the server is away.
 */
export async function startAgent(
  config: AgentConfig,
  options: StartAgentOptions,
): Promise<RunningAgent | undefined> {
  const clock = options.clock ?? systemClock;
  const { logger, version } = options;
  const store = new OutboxStore(join(config.dataDir, 'outbox.db'), {
    maxBytes: config.bufferMaxBytes,
    maxAgeMs: config.bufferMaxAgeMs,
  });
  const stopping = new AbortController();
  const client = new ServerClient(config.server, () => clock.now());
  let identity: Identity | undefined;
  try {
    identity = await obtainIdentity({
      store,
      client,
      clock,
      logger,
      enrolment: { token: config.token, name: config.name, location: config.location, version },
      signal: stopping.signal,
    });
  } catch (error) {
    store.close();
    throw error;
  }
  if (!identity) {
    store.close();
    return undefined;
  }
  const credential = identity.credential;
  const probing =
    options.probing ??
    (await createProbingSetup(config, { logger: logger.child({ component: 'probe-workers' }) }));
  const offsets = new ClockOffsetEstimator();
  let unsupported: UnsupportedCheck[] = [];
  let assigned = 0;

  const uploader = new Uploader({
    store,
    client,
    clock,
    logger: logger.child({ component: 'uploader' }),
    credential: () => credential,
    maxBackoffMs: config.uploadMaxBackoffMs,
  });
  const agentKey = externalIdPrefix(identity.agentId, config.name);
  const tailers = config.tailSources.map(
    (source) =>
      new FileTailer({
        source,
        store,
        clock,
        logger: logger.child({ component: 'tail', source: source.name }),
        agentKey,
        onCommitted: () => uploader.wake(),
      }),
  );
  const scheduler = new CheckScheduler<ScheduledCheck>({
    clock,
    logger: logger.child({ component: 'scheduler' }),
    location: config.location,
    concurrency: config.concurrency,
    execute: async (check) => {
      const { run, artifacts, discardedRuns, taintedByLagMs } = await executeCheck(
        check,
        { agentId: identity.agentId ?? 'unenrolled', location: config.location },
        { probing },
      );
      // A re-run that measured cleanly replaced the stalled one (nothing lost: info); a skipped run is a warning.
      if (discardedRuns > 0 && taintedByLagMs === null)
        logger.info({ checkId: check.id }, 'probe run overlapped an event-loop stall of ours; re-ran it');
      else if (discardedRuns > 0)
        logger.warn(
          { checkId: check.id, taintedByLagMs },
          'probe run and its re-run overlapped event-loop stalls of ours; skipped it',
        );
      // Its timing measured us, not the target: a run whose re-run was stalled too is skipped, never uploaded.
      if (taintedByLagMs !== null) return;
      const uploaded: UploadedRun = {
        ...run,
        artifacts: artifacts.map(({ id, stepIndex, kind, contentType, content }) => ({
          id,
          stepIndex,
          kind,
          contentType,
          dataBase64: Buffer.from(content).toString('base64'),
        })),
        clockOffsetMs: offsets.offsetMs,
      };
      store.append(uploaded);
      uploader.wake();
    },
  });
  const sync = new AssignmentSync({
    client,
    store,
    clock,
    logger: logger.child({ component: 'assignments' }),
    credential: () => credential,
    offsets,
    maxBackoffMs: config.uploadMaxBackoffMs,
    onChecks: (checks) => {
      const runnable: ScheduledCheck[] = [];
      unsupported = [];
      for (const check of checks) {
        const missing = unsupportedKinds(check.steps, probing.supportedKinds);
        if (missing.length > 0) {
          unsupported.push({
            checkId: check.id,
            reason: `unsupported at this location: ${missing.join(', ')} steps (${
              missing.includes('browser') ? `no Chromium at ${config.chromiumPath}` : 'not available'
            })`,
          });
          continue;
        }
        runnable.push({
          ...check,
          revision: check.updatedAt,
          intervalSeconds: check.intervalSeconds / config.speedup,
        });
      }
      assigned = runnable.length;
      scheduler.setChecks(runnable, { runNewNow: false });
      if (unsupported.length > 0)
        logger.warn({ unsupported }, 'some assigned checks cannot run here; reported to the server');
    },
  });

  const heartbeat = async (): Promise<void> => {
    const stats = store.stats();
    const body: AgentHeartbeat = {
      version,
      location: config.location,
      hostname: hostname(),
      ...backlogOf(stats),
      clockOffsetMs: offsets.offsetMs,
      browserAvailable: probing.browserAvailable,
      supportedKinds: [...probing.supportedKinds],
      unsupported,
    };
    const { value, sentAtMs, receivedAtMs } = await client.request({
      method: 'POST',
      path: 'api/v1/agent/heartbeat',
      parser: agentHeartbeatReplySchema,
      body,
      bearer: credential,
      timeoutMs: 10_000,
      signal: stopping.signal,
    });
    offsets.add({ sentAtMs, receivedAtMs, serverTimeMs: Date.parse(value.serverTime) });
  };
  const beating = (async () => {
    while (!stopping.signal.aborted) {
      await heartbeat().catch((error: unknown) =>
        logger.debug({ reason: (error as Error).message }, 'heartbeat failed'),
      );
      try {
        store.dropExpired(clock.now());
      } catch (error) {
        logger.error({ err: error }, 'dropping expired runs failed');
      }
      await clock.sleep(config.heartbeatMs, stopping.signal);
    }
  })();

  sync.start();
  scheduler.start();
  uploader.start();
  for (const tailer of tailers) tailer.start();
  logger.info(
    {
      location: config.location,
      server: config.server,
      backlog: store.stats().runs,
      bufferedRecords: store.stats().records,
      tails: config.tailSources.map((source) => source.path),
      speedup: config.speedup,
    },
    'agent started',
  );

  return {
    store,
    status: () => {
      const stats = store.stats();
      return {
        checks: assigned,
        unsupported,
        backlog: stats.runs,
        bufferBytes: stats.bytes,
        clockOffsetMs: offsets.offsetMs,
        uploadedRuns: uploader.status.uploadedRuns,
        bufferedRecords: stats.records,
        uploadedRecords: uploader.status.uploadedRecords,
        tails: tailers.map((tailer) => tailer.status),
      };
    },
    async stop() {
      stopping.abort();
      await scheduler.stop();
      await Promise.all([sync.stop(), uploader.stop(), beating, ...tailers.map((tailer) => tailer.stop())]);
      await uploader.flush(5000);
      if (!options.probing) await probing.close();
      store.close();
    },
  };
}
