import { EventLoopLagMonitor, type LagProbe } from './event-loop-lag.js';
import type { FlowJob, FlowRunner, MeasuredFlow } from './flow-job.js';
import { runFlowJob, type FlowHost } from './run-flow-job.js';

/**
 * Runs flows on the calling thread, judged against that thread's own lag. For tests that drive a fake clock
 * through a flow, and for setups configured with no worker threads; agents use `FlowWorkerPool`.
 */
export class InProcessFlowRunner implements FlowRunner {
  readonly #host: FlowHost;
  readonly #monitor: EventLoopLagMonitor | undefined;
  readonly #inFlight = new Set<Promise<MeasuredFlow>>();

  /** Watches this thread's loop unless `host.lag` is given (tests inject stalls that way). */
  constructor(host: Omit<FlowHost, 'lag'> & { readonly lag?: LagProbe }) {
    if (host.lag) {
      this.#host = { ...host, lag: host.lag };
    } else {
      this.#monitor = new EventLoopLagMonitor();
      this.#host = { ...host, lag: this.#monitor };
    }
  }

  run(job: FlowJob): Promise<MeasuredFlow> {
    const run = runFlowJob(job, this.#host);
    this.#inFlight.add(run);
    const forget = () => this.#inFlight.delete(run);
    run.then(forget, forget);
    return run;
  }

  /** Waits for runs in flight, then closes the browser it was given. */
  async stop(): Promise<void> {
    await Promise.allSettled([...this.#inFlight]);
    await this.#host.browsers?.close();
    this.#monitor?.stop();
  }
}
