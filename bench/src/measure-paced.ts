import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import type { CheckFigures, CheckWorkload } from './measure-checks.js';

/**
 * Starts `count` checks at a steady `perSecond`, each as it comes due whatever is still in flight, as a scheduler
 * does, and reports their CPU all-in: at such rates every run pays its own wake-ups, which back-to-back runs share.
 */
export async function measurePaced(
  workload: Omit<CheckWorkload, 'concurrency'>,
  perSecond: number,
): Promise<CheckFigures> {
  for (let i = 0; i < workload.warmupCount; i++) await workload.runCheck();
  let failures = 0;
  const cpuStart = workload.readCpuSeconds();
  const wallStartMs = performance.now();
  const runs: Promise<void>[] = [];
  for (let i = 0; i < workload.count; i++) {
    const waitMs = wallStartMs + (i * 1000) / perSecond - performance.now();
    if (waitMs > 0) await sleep(waitMs);
    runs.push(
      workload.runCheck().then((ok) => {
        if (!ok) failures += 1;
      }),
    );
  }
  await Promise.all(runs);
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
