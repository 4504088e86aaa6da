import { describe, expect, it } from 'vitest';
import type { Clock } from './clock.js';
import { settlesWithin } from './settles-within.js';

/** A clock whose sleeps end only when `elapse()` is called (or their signal aborts). */
function manualClock(): Clock & { elapse(): void; readonly sleeping: number } {
  const wakers = new Set<() => void>();
  return {
    now: () => 0,
    sleep: (_ms, signal) =>
      new Promise<void>((resolve) => {
        const wake = () => {
          wakers.delete(wake);
          resolve();
        };
        wakers.add(wake);
        signal?.addEventListener('abort', wake, { once: true });
      }),
    elapse: () => {
      for (const wake of [...wakers]) wake();
    },
    get sleeping() {
      return wakers.size;
    },
  };
}

describe('settlesWithin', () => {
  it('answers true as soon as the work settles, and leaves no sleep behind', async () => {
    const clock = manualClock();
    expect(await settlesWithin(Promise.resolve('done'), { clock, ms: 2000 })).toBe(true);
    expect(clock.sleeping).toBe(0);
  });

  it('counts failed work as settled', async () => {
    const clock = manualClock();
    expect(await settlesWithin(Promise.reject(new Error('boom')), { clock, ms: 2000 })).toBe(true);
  });

  it('answers false when the time runs out first', async () => {
    const clock = manualClock();
    const waiting = settlesWithin(new Promise(() => undefined), { clock, ms: 2000 });
    await Promise.resolve();
    clock.elapse();
    expect(await waiting).toBe(false);
  });
});
