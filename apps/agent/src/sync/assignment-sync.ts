import { z } from 'zod';
import { agentAssignmentsSchema, checkSchema, type Check } from '@ganzhi/contracts';
import { computeBackoffMs, type Clock, type Logger } from '@ganzhi/runtime';
import type { OutboxStore } from '../outbox/outbox-store.js';
import type { ClockOffsetEstimator } from './clock-offset.js';
import type { ServerClient } from './server-client.js';

const STATE_KEY = 'assignments';
const LONG_POLL_MS = 25_000;
const savedAssignmentsSchema = z.object({ version: z.string(), checks: z.array(checkSchema) });

export interface AssignmentSyncDeps {
  readonly client: ServerClient;
  readonly store: OutboxStore;
  readonly clock: Clock;
  readonly logger: Logger;
  readonly credential: () => string;
  readonly offsets: ClockOffsetEstimator;
  readonly maxBackoffMs: number;
  /** Told the full set of checks whenever it changes (and once at start from the saved copy). */
  readonly onChecks: (checks: readonly Check[]) => void;
}

/**
 * Keeps the agent's checks in step with the server by long polling with the version it has. The last assignment
 * is saved in the agent's store, so after a restart without the server the agent runs its last known schedule.
 */
export class AssignmentSync {
  readonly #deps: AssignmentSyncDeps;
  readonly #stop = new AbortController();
  #version: string | undefined;
  #loop: Promise<void> | undefined;

  constructor(deps: AssignmentSyncDeps) {
    this.#deps = deps;
  }

  /** Applies the saved assignment (if any) and starts polling. */
  start(): void {
    const saved = this.#deps.store.getState(STATE_KEY);
    if (saved !== undefined) {
      const parsed = savedAssignmentsSchema.safeParse(JSON.parse(saved));
      if (parsed.success) {
        this.#version = parsed.data.version;
        this.#deps.onChecks(parsed.data.checks);
        this.#deps.logger.info({ checks: parsed.data.checks.length }, 'running the last known assignment');
      }
    }
    this.#loop ??= this.#run();
  }

  async stop(): Promise<void> {
    this.#stop.abort();
    await this.#loop;
  }

  async #run(): Promise<void> {
    const { client, clock, logger, store } = this.#deps;
    let attempt = 0;
    while (!this.#stop.signal.aborted) {
      try {
        const query = this.#version === undefined ? '' : `?version=${this.#version}&waitMs=${LONG_POLL_MS}`;
        const { value, sentAtMs, receivedAtMs } = await client.request({
          method: 'GET',
          path: `api/v1/agent/assignments${query}`,
          parser: agentAssignmentsSchema,
          bearer: this.#deps.credential(),
          timeoutMs: LONG_POLL_MS + 15_000,
          signal: this.#stop.signal,
        });
        // A first fetch answers at once; a long poll's round trip is mostly waiting, useless for clock offset.
        if (this.#version === undefined)
          this.#deps.offsets.add({ sentAtMs, receivedAtMs, serverTimeMs: Date.parse(value.serverTime) });
        attempt = 0;
        if (value.changed) {
          this.#version = value.version;
          store.setState(STATE_KEY, JSON.stringify({ version: value.version, checks: value.checks }));
          logger.info({ checks: value.checks.length, version: value.version }, 'assignment received');
          this.#deps.onChecks(value.checks);
        }
      } catch (error) {
        if (this.#stop.signal.aborted) break;
        if (attempt === 0)
          logger.warn(
            { reason: (error as Error).message },
            'cannot fetch assignments; keeping the last ones',
          );
        attempt += 1;
        await clock.sleep(
          Math.max(200, computeBackoffMs(attempt, { initialMs: 1000, maxMs: this.#deps.maxBackoffMs })),
          this.#stop.signal,
        );
      }
    }
  }
}
