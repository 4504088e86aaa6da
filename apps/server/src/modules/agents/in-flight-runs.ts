import { randomUUID } from 'node:crypto';
import type { Check, Run } from '@ganzhi/contracts';
import { AppError, type Clock } from '@ganzhi/runtime';

/**
 * The probe runs an agent has in flight, so that shutdown can give them a grace period and then abandon them
 * instead of waiting for a slow target (up to a flow's two-minute budget). A run abandoned this way is stored as
 * `interrupted` (see `interruptedRun`): not lost, and not counted against its target.
 */
export class InFlightRuns {
  readonly #abandoners = new Set<() => void>();
  readonly #operations = new Set<Promise<unknown>>();
  #isClosed = false;

  /**
   * The outcome of executing a run, or `undefined` when it was abandoned first. Once closed (shutting down), new
   * runs are refused with UNAVAILABLE instead of being started.
   */
  async execute<T>(work: () => Promise<T>): Promise<T | undefined> {
    if (this.#isClosed) throw new AppError('UNAVAILABLE', 'the server is shutting down; run the check later');
    let abandon = (): void => undefined;
    const abandoned = new Promise<undefined>((resolve) => (abandon = () => resolve(undefined)));
    this.#abandoners.add(abandon);
    try {
      const running = work();
      // When abandoned it settles after we stopped listening: its outcome (or failure) is no longer anyone's.
      running.catch(() => undefined);
      return await Promise.race([running, abandoned]);
    } finally {
      this.#abandoners.delete(abandon);
    }
  }

  /** Runs an operation (a run and the storing of its result) that shutdown waits for in `whenIdle`. */
  async track<T>(operation: () => Promise<T>): Promise<T> {
    const running = operation();
    const settled = running.then(
      () => undefined,
      () => undefined,
    );
    this.#operations.add(settled);
    try {
      return await running;
    } finally {
      this.#operations.delete(settled);
    }
  }

  /** Settles when no operation is tracked, including those started meanwhile (a measured run's storing). */
  async whenIdle(): Promise<void> {
    while (this.#operations.size > 0) await Promise.all([...this.#operations]);
  }

  /** Refuses new runs from now on. */
  close(): void {
    this.#isClosed = true;
  }

  /** Abandons every run being executed: their `execute` calls answer `undefined` at once. Returns how many. */
  abandonAll(): number {
    const count = this.#abandoners.size;
    for (const abandon of this.#abandoners) abandon();
    return count;
  }
}

/**
 * The run stored for a check whose run was abandoned at shutdown: it started at `startedAtMs` and was given up
 * when the server stopped, so it carries no steps and no verdict on the target.
 */
export function interruptedRun(
  check: Pick<Check, 'id'>,
  where: { readonly agentId: string; readonly location: string },
  times: { readonly startedAtMs: number; readonly clock: Clock },
): Run {
  const durationMs = Math.max(0, times.clock.now() - times.startedAtMs);
  return {
    id: randomUUID(),
    checkId: check.id,
    agentId: where.agentId,
    location: where.location,
    startedAt: new Date(times.startedAtMs).toISOString(),
    durationMs,
    ok: false,
    errorClass: 'interrupted',
    errorMessage: `interrupted: the agent shut down ${durationMs} ms into the run and abandoned it; it says nothing about the target`,
    steps: [],
    artifacts: [],
  };
}
