import type { Clock, Logger } from '@ganzhi/runtime';
import { nextSlotMs, scheduleOffsetMs } from './schedule-offset.js';

/** What the scheduler needs to know of a check; `revision` changes whenever the definition does. */
export interface SchedulableCheck {
  readonly id: string;
  readonly intervalSeconds: number;
  readonly revision: string;
}

export interface CheckSchedulerDeps<C extends SchedulableCheck> {
  readonly clock: Clock;
  readonly logger: Logger;
  readonly location: string;
  /** At most this many checks run at once; further due checks wait for a free slot. */
  readonly concurrency: number;
  /** Runs one check and stores its result. Errors are logged; they never stop the scheduler. */
  readonly execute: (check: C) => Promise<void>;
  /** Longest sleep between scans, so clock jumps and config reloads are noticed. */
  readonly maxSleepMs?: number;
  /**
   * Holds the first scan until it resolves (e.g. `waitForQuietLoop`: the process has finished its start-up work).
   * Checks due meanwhile, new ones asked to run at once included, run as soon as it does.
   */
  readonly holdUntil?: (signal: AbortSignal) => Promise<unknown>;
}

interface Entry<C> {
  check: C;
  dueMs: number;
  running: boolean;
}

/**
 * Runs checks on their interval at a deterministic offset. A check that is still running when its next slot
 * comes is not started twice: the slot is skipped, so a slow target never piles up concurrent probes.
 */
export class CheckScheduler<C extends SchedulableCheck> {
  readonly #deps: CheckSchedulerDeps<C>;
  readonly #entries = new Map<string, Entry<C>>();
  readonly #inFlight = new Set<Promise<void>>();
  #wake = new AbortController();
  #halt = new AbortController();
  #loop: Promise<void> | undefined;
  #stopping = false;

  constructor(deps: CheckSchedulerDeps<C>) {
    this.#deps = deps;
  }

  /**
   * Replaces the set of checks. Checks new to this scheduler run at once when `runNewNow` (a user just created
   * one and wants to see it work); otherwise, as on start-up, they wait for their slot so load stays spread.
   * `lastRunStarts` (when each check last ran, epoch ms) lets a new entry catch up: a check whose slot came and went
   * since its last run (the process was down then) is due at once, the longest overdue first, so after a restart
   * every check has run again within one interval of its previous run.
   */
  setChecks(
    checks: readonly C[],
    options: { runNewNow: boolean; lastRunStarts?: ReadonlyMap<string, number> },
  ): void {
    const now = this.#deps.clock.now();
    const wanted = new Set(checks.map((check) => check.id));
    for (const id of this.#entries.keys()) if (!wanted.has(id)) this.#entries.delete(id);
    for (const check of checks) {
      const entry = this.#entries.get(check.id);
      if (!entry) {
        this.#entries.set(check.id, {
          check,
          dueMs: options.runNewNow ? now : this.#firstDue(check, now, options.lastRunStarts?.get(check.id)),
          running: false,
        });
      } else if (entry.check.revision !== check.revision) {
        // Updated in place: a run in flight holds this entry and clears `running` on it when it finishes.
        entry.check = check;
        entry.dueMs = this.#nextSlot(check, now);
      }
    }
    this.#wake.abort();
  }

  /** Runs a check as soon as a slot is free, outside its schedule. */
  triggerNow(checkId: string): void {
    const entry = this.#entries.get(checkId);
    if (entry) entry.dueMs = this.#deps.clock.now();
    this.#wake.abort();
  }

  get size(): number {
    return this.#entries.size;
  }

  start(): void {
    if (this.#loop) return;
    this.#stopping = false;
    this.#halt = new AbortController();
    this.#loop = this.#run();
  }

  /** Stops scheduling and waits for runs in flight to finish (and store their results). */
  async stop(): Promise<void> {
    this.#stopping = true;
    this.#halt.abort();
    this.#wake.abort();
    await this.#loop;
    this.#loop = undefined;
    await Promise.allSettled([...this.#inFlight]);
  }

  async #run(): Promise<void> {
    if (this.#deps.holdUntil) {
      try {
        await this.#deps.holdUntil(this.#halt.signal);
      } catch (error) {
        this.#deps.logger.warn({ err: error }, 'scheduler hold failed; scheduling now');
      }
    }
    while (!this.#stopping) {
      this.#wake = new AbortController();
      const now = this.#deps.clock.now();
      this.#launchDue(now);
      const maxSleepMs = this.#deps.maxSleepMs ?? 1000;
      const untilDueMs = this.#earliestDue() - now;
      // Something due but blocked by the concurrency cap: wait for a run to finish (it wakes us), don't spin.
      const sleepMs = untilDueMs <= 0 ? maxSleepMs : Math.min(untilDueMs, maxSleepMs);
      await this.#deps.clock.sleep(sleepMs, this.#wake.signal);
    }
  }

  #launchDue(now: number): void {
    const due = [...this.#entries.values()]
      .filter((entry) => entry.dueMs <= now && !entry.running)
      .sort((a, b) => a.dueMs - b.dueMs);
    for (const entry of due) {
      if (this.#inFlight.size >= this.#deps.concurrency) return;
      entry.running = true;
      entry.dueMs = this.#nextSlot(entry.check, now + 1);
      const run = this.#execute(entry);
      this.#inFlight.add(run);
      // The slot is free only once the run has left #inFlight: wake the loop after that, not before, or a loop
      // blocked by the cap would see the slot still taken and sleep its whole maxSleepMs.
      void run.finally(() => {
        this.#inFlight.delete(run);
        this.#wake.abort();
      });
    }
  }

  async #execute(entry: Entry<C>): Promise<void> {
    try {
      await this.#deps.execute(entry.check);
    } catch (error) {
      this.#deps.logger.error({ err: error, checkId: entry.check.id }, 'check execution failed');
    } finally {
      entry.running = false;
    }
  }

  #earliestDue(): number {
    let earliest = Infinity;
    for (const entry of this.#entries.values())
      if (!entry.running) earliest = Math.min(earliest, entry.dueMs);
    return earliest;
  }

  /** The slot after the check's last run when that slot has passed (missed: due now, in the past), else the next. */
  #firstDue(check: C, now: number, lastRunMs: number | undefined): number {
    const missedSlot = lastRunMs === undefined ? Infinity : this.#nextSlot(check, lastRunMs + 1);
    return missedSlot < now ? missedSlot : this.#nextSlot(check, now);
  }

  #nextSlot(check: C, fromMs: number): number {
    const intervalMs = check.intervalSeconds * 1000;
    return nextSlotMs(fromMs, scheduleOffsetMs(check.id, this.#deps.location, intervalMs), intervalMs);
  }
}
