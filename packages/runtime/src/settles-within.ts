import type { Clock } from './clock.js';

/**
 * Waits for `work` to settle, but at most `ms` by `clock`; true when it settled in time. The work itself goes on
 * either way: the caller decides what to do with work that overran (abandon it, interrupt it). Shutdown uses this
 * to give work in flight a grace period instead of waiting for it without bound.
 *
 * @example
 *   if (!(await settlesWithin(job.stop(), { clock, ms: 2000 }))) logger.warn('job abandoned at shutdown');
 */
export async function settlesWithin(
  work: Promise<unknown>,
  options: { clock: Clock; ms: number },
): Promise<boolean> {
  let settled = false;
  const done = work.then(
    () => (settled = true),
    () => (settled = true),
  );
  const timer = new AbortController();
  await Promise.race([done, options.clock.sleep(Math.max(0, options.ms), timer.signal)]);
  // Ends the sleep, so no timer outlives a wait that was answered early.
  timer.abort();
  return settled;
}
