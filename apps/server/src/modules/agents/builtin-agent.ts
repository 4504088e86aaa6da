import type { Check, CheckInput, Run } from '@ganzhi/contracts';
import {
  CheckScheduler,
  executeCheck,
  runCheckFlow,
  waitForQuietLoop,
  type ExecutedRun,
  type FlowResult,
  type ProbingSetup,
} from '@ganzhi/probes';
import { settlesWithin, type Clock, type Logger } from '@ganzhi/runtime';
import type { CheckService } from '../checks/index.js';
import type { RunService } from '../runs/index.js';
import { AGENT_TIMING } from './agent-repository.js';
import { BUILTIN_LOCATION, type AgentService } from './agent-service.js';
import { InFlightRuns, interruptedRun } from './in-flight-runs.js';

export const BUILTIN_AGENT_ID = 'builtin-local';

/** How long `stop()` lets runs in flight finish by default before abandoning them (stored as interrupted). */
export const RUN_GRACE_MS = 2000;

const WHERE = { agentId: BUILTIN_AGENT_ID, location: BUILTIN_LOCATION } as const;

export interface BuiltinAgentDeps {
  readonly agents: AgentService;
  readonly clock: Clock;
  readonly logger: Logger;
  readonly checks: CheckService;
  readonly runs: RunService;
  readonly version: string;
  readonly concurrency: number;
  readonly probing: ProbingSetup;
  /** Values of the stored secrets a flow names (`{{secrets.NAME}}`); the environment's own win. */
  readonly storedSecrets?: (names: readonly string[]) => Promise<Readonly<Record<string, string>>>;
  /**
   * Holds scheduled runs until the server's start-up work is done; by default until its event loop has been
   * quiet for 2 s (at most a minute). Runs asked for by a user are never held.
   */
  readonly holdScheduling?: (signal: AbortSignal) => Promise<unknown>;
}

/** The secret names a flow renders, so only those are opened for a run. */
function secretNamesOf(input: CheckInput): string[] {
  return [
    ...new Set(
      [...JSON.stringify(input).matchAll(/\{\{\s*secrets\.([A-Za-z0-9_]+)\s*\}\}/g)].map((m) => m[1] ?? ''),
    ),
  ];
}

type ScheduledCheck = Check & { readonly revision: string };

/**
 * The agent inside `ganzhi serve`, at location `local`: it runs every enabled check assigned to `local` and
 * writes runs straight to the database (no outbox needed: it is the server).
 */
export class BuiltinAgent {
  readonly #deps: BuiltinAgentDeps;
  readonly #scheduler: CheckScheduler<ScheduledCheck>;
  readonly #stopHeartbeat = new AbortController();
  readonly #inFlight = new InFlightRuns();
  #heartbeat: Promise<void> | undefined;
  #isStopping = false;

  constructor(deps: BuiltinAgentDeps) {
    this.#deps = deps;
    this.#scheduler = new CheckScheduler<ScheduledCheck>({
      clock: deps.clock,
      logger: deps.logger.child({ component: 'scheduler' }),
      location: BUILTIN_LOCATION,
      concurrency: deps.concurrency,
      execute: (check) => this.#runScheduled(check),
      holdUntil: deps.holdScheduling ?? ((signal) => waitForQuietLoop({ clock: deps.clock, signal })),
    });
  }

  async start(): Promise<void> {
    const { agents, version, probing } = this.#deps;
    await agents.registerBuiltin({
      id: BUILTIN_AGENT_ID,
      version,
      supportedKinds: [...probing.supportedKinds],
      browserAvailable: probing.browserAvailable,
    });
    await this.reload({ runNewNow: false, catchUp: true });
    this.#scheduler.start();
    this.#heartbeat = this.#beat();
  }

  /**
   * Re-reads the checks assigned to `local`; checks created since the last read run at once when asked. With
   * `catchUp` (at start), checks whose slot passed while the server was down run at once instead of at their next.
   */
  async reload({ runNewNow, catchUp = false }: { runNewNow: boolean; catchUp?: boolean }): Promise<void> {
    const [checks, lastRunStarts] = await Promise.all([
      this.#deps.checks.listChecks(),
      catchUp ? this.#deps.checks.latestRunStarts() : undefined,
    ]);
    const mine = checks
      .filter((check) => check.enabled && check.locations.includes(BUILTIN_LOCATION))
      .map((check) => ({ ...check, revision: check.updatedAt }));
    this.#scheduler.setChecks(mine, { runNewNow, ...(lastRunStarts ? { lastRunStarts } : {}) });
  }

  /** Executes a flow once without storing anything: the editor's "run now" before saving. */
  async tryFlow(input: CheckInput): Promise<FlowResult> {
    return (await runCheckFlow(input, this.#deps.probing, await this.#storedSecretsFor(input))).result;
  }

  /** The stored secrets the flow names that the environment does not provide (the environment's win). */
  async #storedSecretsFor(input: CheckInput): Promise<Readonly<Record<string, string>> | undefined> {
    const { probing, storedSecrets } = this.#deps;
    const names = secretNamesOf(input).filter((name) => !(name in probing.secrets));
    if (!storedSecrets || names.length === 0) return undefined;
    return storedSecrets(names);
  }

  /**
   * Executes a check once and stores the run with its artifacts. Asked for by a user, it is stored even in the rare
   * case where its re-run was overlapped by a stall of ours too (logged): the user asked to see a run.
   */
  async runNow(check: Check): Promise<Run> {
    return this.#inFlight.track(async () => {
      const executed = await this.#execute(check);
      // Written at once: someone is waiting to see it.
      await this.#deps.runs.recordRuns([{ run: executed.run, check, artifactContents: executed.artifacts }]);
      return executed.run;
    });
  }

  /**
   * A scheduled run whose timing measured our own stall (twice in a row) is skipped, never stored as a failure.
   * The run gives its concurrency slot back once measured: storing waits up to the run service's batch window to
   * share a transaction with other runs, and a slot held meanwhile would cap the runs a second. Shutdown still
   * waits for the storing (it is tracked).
   */
  async #runScheduled(check: Check): Promise<void> {
    const executed = await this.#inFlight.track(() => this.#execute(check));
    if (executed.taintedByLagMs !== null) return;
    const entry = { run: executed.run, check, artifactContents: executed.artifacts };
    // While stopping, written at once: the shutdown waits for it.
    const store = async (): Promise<void> => {
      if (this.#isStopping) await this.#deps.runs.recordRuns([entry]);
      else await this.#deps.runs.recordRun(entry);
    };
    void this.#inFlight
      .track(store)
      .catch((error: unknown) =>
        this.#deps.logger.error({ err: error, checkId: check.id }, 'storing a probe run failed'),
      );
  }

  /** Executes a check; abandoned at shutdown, it is an interrupted run (stored, counted nowhere). */
  async #execute(check: Check): Promise<ExecutedRun> {
    const { clock, probing } = this.#deps;
    const startedAtMs = clock.now();
    const executed = await this.#inFlight.execute(async () =>
      executeCheck(check, WHERE, { probing, secrets: await this.#storedSecretsFor(check) }),
    );
    if (executed === undefined) {
      const run = interruptedRun(check, WHERE, { startedAtMs, clock });
      return { run, artifacts: [], discardedRuns: 0, taintedByLagMs: null };
    }
    // A re-run that measured cleanly replaced the stalled one (nothing lost: info); a skipped run is a warning.
    if (executed.discardedRuns > 0 && executed.taintedByLagMs === null)
      this.#deps.logger.info(
        { checkId: check.id },
        'probe run overlapped an event-loop stall of ours; re-ran it',
      );
    else if (executed.discardedRuns > 0)
      this.#deps.logger.warn(
        { checkId: check.id, taintedByLagMs: executed.taintedByLagMs },
        'probe run and its re-run overlapped event-loop stalls of ours; skipped it',
      );
    return executed;
  }

  /**
   * Stops scheduling and gives runs in flight `graceMs` to finish and be stored; runs still going then are abandoned
   * and stored as interrupted, so a slow target cannot hold the server's shutdown for its whole timeout.
   */
  async stop({ graceMs }: { graceMs: number } = { graceMs: RUN_GRACE_MS }): Promise<void> {
    const { clock, logger } = this.#deps;
    this.#isStopping = true;
    this.#stopHeartbeat.abort();
    this.#inFlight.close();
    const stopped = Promise.all([this.#scheduler.stop(), this.#inFlight.whenIdle()]);
    if (!(await settlesWithin(stopped, { clock, ms: graceMs }))) {
      const abandoned = this.#inFlight.abandonAll();
      logger.warn(
        { abandoned, graceMs },
        'probe runs in flight at shutdown abandoned; stored as interrupted',
      );
    }
    // The scheduler's own wait, and the storing of the interrupted runs.
    await stopped;
    await this.#heartbeat;
  }

  async #beat(): Promise<void> {
    const { agents, clock, logger } = this.#deps;
    while (!this.#stopHeartbeat.signal.aborted) {
      await clock.sleep(AGENT_TIMING.heartbeatMs, this.#stopHeartbeat.signal);
      if (this.#stopHeartbeat.signal.aborted) break;
      await agents
        .builtinHeartbeat(BUILTIN_AGENT_ID)
        .catch((error: unknown) => logger.warn({ err: error }, 'heartbeat write failed'));
    }
  }
}
