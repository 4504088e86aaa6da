import type { Clock } from '@ganzhi/runtime';

interface Sleeper {
  readonly wakeAtMs: number;
  readonly resolve: () => void;
}

/**
 * A clock that moves only when told. `advance()` wakes sleepers in time order and lets their continuations run,
 * so scheduler tests cover hours of schedule in milliseconds without sleeping.
 */
export class FakeClock implements Clock {
  #nowMs: number;
  #sleepers: Sleeper[] = [];

  constructor(startMs = Date.UTC(2026, 10, 2, 8, 0, 0)) {
    this.#nowMs = startMs;
  }

  now(): number {
    return this.#nowMs;
  }

  sleep(ms: number, signal?: AbortSignal): Promise<void> {
    return new Promise((resolve) => {
      if (signal?.aborted) return resolve();
      const sleeper: Sleeper = { wakeAtMs: this.#nowMs + ms, resolve };
      this.#sleepers.push(sleeper);
      signal?.addEventListener(
        'abort',
        () => {
          this.#sleepers = this.#sleepers.filter((s) => s !== sleeper);
          resolve();
        },
        { once: true },
      );
    });
  }

  /** Moves time forward by `ms`, waking every sleeper whose time has come, in order. */
  async advance(ms: number): Promise<void> {
    const target = this.#nowMs + ms;
    for (;;) {
      await flushMicrotasks();
      const next = this.#sleepers
        .filter((s) => s.wakeAtMs <= target)
        .sort((a, b) => a.wakeAtMs - b.wakeAtMs)[0];
      if (!next) break;
      this.#nowMs = Math.max(this.#nowMs, next.wakeAtMs);
      this.#sleepers = this.#sleepers.filter((s) => s !== next);
      next.resolve();
    }
    this.#nowMs = target;
    await flushMicrotasks();
  }
}

/** Lets pending promise continuations run (several rounds, for chains of awaits). */
export async function flushMicrotasks(rounds = 20): Promise<void> {
  for (let i = 0; i < rounds; i++) await new Promise<void>((resolve) => setImmediate(resolve));
}
