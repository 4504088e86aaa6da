import { settlesWithin, type Clock, type Logger } from '@ganzhi/runtime';

export interface PeriodicJobOptions {
  readonly name: string;
  readonly intervalMs: number;
  /**
   * One cycle. `signal` aborts when the job is stopped: a cycle of several steps checks it between them and returns,
   * so it ends after the transaction it is in. Each step must be a transaction of its own, since a cycle that
   * overruns the stop's grace is abandoned and the database closed under it (its open transaction rolls back).
   */
  readonly run: (signal: AbortSignal) => Promise<void>;
  readonly clock: Clock;
  readonly logger: Logger;
}

/**
 * Runs `run` every `intervalMs` until stopped; a failed run is logged and retried next period.
 * Single-node for now: coordination between nodes through database leases comes with active-active deployments.
 */
export class PeriodicJob {
  readonly #options: PeriodicJobOptions;
  readonly #stop = new AbortController();
  #loop: Promise<void> | undefined;

  constructor(options: PeriodicJobOptions) {
    this.#options = options;
  }

  start(): void {
    this.#loop ??= this.#run();
  }

  /**
   * Stops the schedule. A cycle in progress is told to stop (its signal) and given `graceMs` to end; one that takes
   * longer is abandoned. Resolves true when no cycle was left running.
   */
  async stop({ graceMs }: { graceMs: number }): Promise<boolean> {
    this.#stop.abort();
    if (!this.#loop) return true;
    const { clock, logger, name } = this.#options;
    const isDone = await settlesWithin(this.#loop, { clock, ms: graceMs });
    if (!isDone) logger.warn({ job: name, graceMs }, 'periodic job still running at shutdown; abandoned');
    return isDone;
  }

  /** Runs once now, outside the schedule (tests, shutdown flushes). */
  async runOnce(): Promise<void> {
    await this.#options.run(new AbortController().signal);
  }

  async #run(): Promise<void> {
    const { clock, intervalMs, logger, name } = this.#options;
    const signal = this.#stop.signal;
    while (!signal.aborted) {
      await clock.sleep(intervalMs, signal);
      if (signal.aborted) break;
      try {
        await this.#options.run(signal);
      } catch (error) {
        logger.error({ err: error, job: name }, 'periodic job failed');
      }
    }
  }
}
