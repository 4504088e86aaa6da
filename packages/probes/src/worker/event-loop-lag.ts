import { performance } from 'node:perf_hooks';

/** What a measured run asks about the thread that timed it. Times are monotonic ms (`performance.now()`). */
export interface LagProbe {
  now(): number;
  /**
   * Makes sure the loop is watched from now on, for a run about to start; call the returned function once the run
   * has been judged. A loop nobody asks about is not watched, which keeps an idle agent's threads asleep.
   */
  watch(): () => void;
  /**
   * How long the longest event-loop stall lasted within `[fromMs, toMs]` (one still going on included): the most
   * any event of a run in that window can have waited for us. 0 when none.
   */
  worstLagMs(fromMs: number, toMs: number): number;
}

/** The loop served nothing from `fromMs` (when a tick was due) until `toMs` (when it came). */
interface Stall {
  readonly fromMs: number;
  readonly toMs: number;
}

/**
 * Ticks of a timer that should fire every `intervalMs`, turned into stalls: a tick that comes late by more than
 * `minLagMs` means the loop could not serve timers (nor sockets) from when it was due until it came. Pure, so
 * the arithmetic is tested without stalling anything.
 */
export class LagHistory {
  readonly #intervalMs: number;
  readonly #minLagMs: number;
  readonly #retainMs: number;
  #stalls: Stall[] = [];
  #lastTickMs: number;

  constructor(options: { startMs: number; intervalMs: number; minLagMs?: number; retainMs?: number }) {
    this.#lastTickMs = options.startMs;
    this.#intervalMs = options.intervalMs;
    this.#minLagMs = options.minLagMs ?? 10;
    // Longer than any flow may take (the flow budget defaults to 2 minutes), so a whole run can be judged.
    this.#retainMs = options.retainMs ?? 15 * 60_000;
  }

  tick(nowMs: number): void {
    const dueMs = this.#lastTickMs + this.#intervalMs;
    if (nowMs - dueMs > this.#minLagMs) this.#stalls.push({ fromMs: dueMs, toMs: nowMs });
    this.#lastTickMs = nowMs;
    const oldest = this.#stalls[0];
    if (oldest && oldest.toMs < nowMs - this.#retainMs)
      this.#stalls = this.#stalls.filter((stall) => stall.toMs >= nowMs - this.#retainMs);
  }

  /**
   * The longest stall inside `window`, counting only its part inside (a stall that ended as the window began
   * delayed nothing in it), the one in progress at `nowMs` included (a tick overdue now).
   */
  worstLagMs(window: { fromMs: number; toMs: number }, nowMs: number): number {
    let worst = 0;
    for (let i = this.#stalls.length - 1; i >= 0; i--) {
      const stall = this.#stalls[i];
      if (!stall || stall.toMs < window.fromMs) break;
      worst = Math.max(worst, overlapMs(stall, window));
    }
    // The loop may serve a finished run's socket before the late timer: the stall is then only seen as overdue.
    const dueMs = this.#lastTickMs + this.#intervalMs;
    return Math.max(worst, overlapMs({ fromMs: dueMs, toMs: nowMs }, window));
  }
}

function overlapMs(a: { fromMs: number; toMs: number }, b: { fromMs: number; toMs: number }): number {
  return Math.max(0, Math.min(a.toMs, b.toMs) - Math.max(a.fromMs, b.fromMs));
}

/**
 * Watches this thread's event loop with a timer drift probe (20 ms ticks). Unlike `monitorEventLoopDelay`, whose
 * histogram cannot say *when* a delay happened, it keeps each stall's interval, so concurrent runs can each ask
 * about their own window. It ticks only while started or while some run watches (a wake-up costs about 0.1 ms of
 * CPU on a busy host: 50 a second for nothing would cost more than the checks of a quiet agent). The timer is
 * unref'd: it never keeps a process alive. Real timers and `performance.now()` on purpose: the thing measured is
 * the real loop, which a fake clock has not.
 */
export class EventLoopLagMonitor implements LagProbe {
  readonly #intervalMs: number;
  #history: LagHistory;
  #timer: NodeJS.Timeout | undefined;
  #isStarted = false;
  #watchers = 0;

  constructor(options: { intervalMs?: number } = {}) {
    this.#intervalMs = options.intervalMs ?? 20;
    this.#history = new LagHistory({ startMs: performance.now(), intervalMs: this.#intervalMs });
  }

  /** Watches all the time, until `stop()`. */
  start(): void {
    this.#isStarted = true;
    this.#tick();
  }

  stop(): void {
    this.#isStarted = false;
    this.#rest();
  }

  watch(): () => void {
    this.#watchers += 1;
    this.#tick();
    let isDone = false;
    return () => {
      if (isDone) return;
      isDone = true;
      this.#watchers -= 1;
      this.#rest();
    };
  }

  #tick(): void {
    if (this.#timer) return;
    // Nobody was watching: nothing before now is asked about, so the history starts afresh.
    this.#history = new LagHistory({ startMs: performance.now(), intervalMs: this.#intervalMs });
    this.#timer = setInterval(() => this.#history.tick(performance.now()), this.#intervalMs);
    this.#timer.unref();
  }

  #rest(): void {
    if (this.#isStarted || this.#watchers > 0) return;
    clearInterval(this.#timer);
    this.#timer = undefined;
  }

  now(): number {
    return performance.now();
  }

  worstLagMs(fromMs: number, toMs: number): number {
    if (!this.#timer) return 0;
    return this.#history.worstLagMs({ fromMs, toMs }, performance.now());
  }
}
