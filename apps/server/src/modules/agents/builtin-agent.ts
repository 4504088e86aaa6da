import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Check, CheckInput, Run } from '@ganzhi/contracts';
import { CheckScheduler, runFlow, type FlowResult } from '@ganzhi/probes';
import type { Clock, Logger } from '@ganzhi/runtime';
import type { DatabaseSchema } from '../../db/schema.js';
import type { CheckService } from '../checks/index.js';
import type { RunService } from '../runs/index.js';
import { recordHeartbeat, upsertAgent } from './agent-repository.js';
import type { ProbingSetup } from './probing-setup.js';

export const BUILTIN_LOCATION = 'local';
export const BUILTIN_AGENT_ID = 'builtin-local';
const HEARTBEAT_MS = 15_000;

export interface BuiltinAgentDeps {
  readonly db: Kysely<DatabaseSchema>;
  readonly clock: Clock;
  readonly logger: Logger;
  readonly checks: CheckService;
  readonly runs: RunService;
  readonly version: string;
  readonly concurrency: number;
  readonly probing: ProbingSetup;
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
  #heartbeat: Promise<void> | undefined;

  constructor(deps: BuiltinAgentDeps) {
    this.#deps = deps;
    this.#scheduler = new CheckScheduler<ScheduledCheck>({
      clock: deps.clock,
      logger: deps.logger.child({ component: 'scheduler' }),
      location: BUILTIN_LOCATION,
      concurrency: deps.concurrency,
      execute: async (check) => {
        await this.runNow(check);
      },
    });
  }

  async start(): Promise<void> {
    const { db, clock, version } = this.#deps;
    await upsertAgent(
      db,
      { id: BUILTIN_AGENT_ID, name: 'built-in', location: BUILTIN_LOCATION, version, builtin: true },
      clock.now(),
    );
    await this.reload({ runNewNow: false });
    this.#scheduler.start();
    this.#heartbeat = this.#beat();
  }

  /** Re-reads the checks assigned to `local`; checks created since the last read run at once when asked. */
  async reload({ runNewNow }: { runNewNow: boolean }): Promise<void> {
    const checks = await this.#deps.checks.listChecks();
    const mine = checks
      .filter((check) => check.enabled && check.locations.includes(BUILTIN_LOCATION))
      .map((check) => ({ ...check, revision: check.updatedAt }));
    this.#scheduler.setChecks(mine, { runNewNow });
  }

  /** Executes a flow once without storing anything: the editor's "run now" before saving. */
  tryFlow(input: CheckInput): Promise<FlowResult> {
    return this.#execute(input);
  }

  /** Executes a check once and stores the run with its artifacts. */
  async runNow(check: Check): Promise<Run> {
    const { artifacts: flowArtifacts, variables: _variables, ...result } = await this.#execute(check);
    const artifacts = flowArtifacts.map((artifact) => ({ ...artifact, id: randomUUID() }));
    const run: Run = {
      ...result,
      id: randomUUID(),
      checkId: check.id,
      agentId: BUILTIN_AGENT_ID,
      location: BUILTIN_LOCATION,
      artifacts: artifacts.map(({ id, stepIndex, kind, contentType, content }) => ({
        id,
        stepIndex,
        kind,
        contentType,
        bytes: content.byteLength,
      })),
    };
    await this.#deps.runs.recordRun({ run, check, artifactContents: artifacts });
    return run;
  }

  #execute(check: CheckInput): Promise<FlowResult> {
    const { probing, clock } = this.#deps;
    return runFlow(check.steps, {
      clock,
      addressPolicy: probing.addressPolicy,
      secrets: probing.secrets,
      variables: check.variables,
      flowTimeoutMs: check.flowTimeoutMs,
      ...(probing.browsers ? { browsers: probing.browsers } : {}),
    });
  }

  /** Stops scheduling and waits until runs in flight are stored. */
  async stop(): Promise<void> {
    this.#stopHeartbeat.abort();
    await this.#scheduler.stop();
    await this.#heartbeat;
  }

  async #beat(): Promise<void> {
    const { db, clock, logger } = this.#deps;
    while (!this.#stopHeartbeat.signal.aborted) {
      await clock.sleep(HEARTBEAT_MS, this.#stopHeartbeat.signal);
      if (this.#stopHeartbeat.signal.aborted) break;
      await recordHeartbeat(db, BUILTIN_AGENT_ID, { backlog: 0, nowMs: clock.now() }).catch(
        (error: unknown) => logger.warn({ err: error }, 'heartbeat write failed'),
      );
    }
  }
}
