/** One exchange with the server: our send and receive times bracket its clock reading. */
export interface ClockSample {
  readonly sentAtMs: number;
  readonly receivedAtMs: number;
  readonly serverTimeMs: number;
}

const KEEP = 8;

/**
 * Estimates server clock minus agent clock the way NTP does: the server read its clock somewhere inside our
 * round trip, so offset ≈ server − (sent + received) / 2 with an error of at most half the round trip. Of the
 * last few samples, the one with the shortest round trip is the most precise.
 */
export class ClockOffsetEstimator {
  #samples: (ClockSample & { roundTripMs: number })[] = [];

  add(sample: ClockSample): void {
    const roundTripMs = sample.receivedAtMs - sample.sentAtMs;
    if (!Number.isFinite(sample.serverTimeMs) || roundTripMs < 0) return;
    this.#samples = [...this.#samples, { ...sample, roundTripMs }].slice(-KEEP);
  }

  /** Server minus agent clock in ms, or null before the first exchange. */
  get offsetMs(): number | null {
    let best: (ClockSample & { roundTripMs: number }) | undefined;
    for (const sample of this.#samples) if (!best || sample.roundTripMs < best.roundTripMs) best = sample;
    if (!best) return null;
    return Math.round(best.serverTimeMs - (best.sentAtMs + best.receivedAtMs) / 2);
  }
}
