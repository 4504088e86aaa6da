import type { Clock, Logger } from '@ganzhi/runtime';

export interface PeriodicJobOptions {
  readonly name: string;
  readonly intervalMs: number;
  readonly run: () => Promise<void>;
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

  /** Stops after the current run (if any) has finished. */
  async stop(): Promise<void> {
    this.#stop.abort();
    await this.#loop;
  }

  /** Runs once now, outside the schedule (tests, shutdown flushes). */
  async runOnce(): Promise<void> {
    await this.#options.run();
  }

  async #run(): Promise<void> {
    const { clock, intervalMs, logger, name } = this.#options;
    while (!this.#stop.signal.aborted) {
      await clock.sleep(intervalMs, this.#stop.signal);
      if (this.#stop.signal.aborted) break;
      try {
        await this.#options.run();
      } catch (error) {
        logger.error({ err: error, job: name }, 'periodic job failed');
      }
    }
  }
}
