import { performance } from 'node:perf_hooks';

/** One side of the comparison: how to run one check, and how to read the CPU time of whoever does the work. */
export interface CheckWorkload {
  readonly count: number;
  readonly concurrency: number;
  /** Checks run first and not measured, so JIT warm-up and first-connection costs stay out of the figures. */
  readonly warmupCount: number;
  /** Resolves true when the check succeeded. Must not reject. */
  readonly runCheck: () => Promise<boolean>;
  /** CPU seconds (user + system) consumed so far by the process doing the checks. */
  readonly readCpuSeconds: () => number;
}

export interface CheckFigures {
  readonly checks: number;
  readonly failures: number;
  readonly wallSeconds: number;
  readonly cpuSeconds: number;
  readonly checksPerSecond: number;
  readonly cpuSecondsPer1000Checks: number;
}

/** Runs the warm-up, then `count` checks at the given concurrency, and reports throughput and CPU cost. */
export async function measureChecks(workload: CheckWorkload): Promise<CheckFigures> {
  await runConcurrently(workload.warmupCount, workload.concurrency, workload.runCheck);
  let failures = 0;
  const cpuStart = workload.readCpuSeconds();
  const wallStartMs = performance.now();
  await runConcurrently(workload.count, workload.concurrency, async () => {
    if (!(await workload.runCheck())) failures += 1;
  });
  const wallSeconds = (performance.now() - wallStartMs) / 1000;
  const cpuSeconds = workload.readCpuSeconds() - cpuStart;
  return {
    checks: workload.count,
    failures,
    wallSeconds,
    cpuSeconds,
    checksPerSecond: workload.count / wallSeconds,
    cpuSecondsPer1000Checks: (cpuSeconds / workload.count) * 1000,
  };
}

/** Calls `task` `count` times with at most `concurrency` calls in flight. */
export async function runConcurrently(
  count: number,
  concurrency: number,
  task: () => Promise<unknown>,
): Promise<void> {
  let started = 0;
  const worker = async (): Promise<void> => {
    while (started < count) {
      started += 1;
      await task();
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, count) }, worker));
}
