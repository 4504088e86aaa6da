import { describe, expect, it } from 'vitest';
import { ClockOffsetEstimator } from './clock-offset.js';

describe('ClockOffsetEstimator', () => {
  it('is null before any exchange', () => {
    expect(new ClockOffsetEstimator().offsetMs).toBeNull();
  });

  it('takes the midpoint of the round trip and prefers the shortest round trip', () => {
    const estimator = new ClockOffsetEstimator();
    // Agent 5 s behind; a slow exchange (the server answered late in a 2 s trip) would suggest 5.9 s.
    estimator.add({ sentAtMs: 1000, receivedAtMs: 3000, serverTimeMs: 7900 });
    expect(estimator.offsetMs).toBe(5900);
    estimator.add({ sentAtMs: 10_000, receivedAtMs: 10_020, serverTimeMs: 15_010 });
    expect(estimator.offsetMs).toBe(5000);
  });

  it('ignores impossible samples', () => {
    const estimator = new ClockOffsetEstimator();
    estimator.add({ sentAtMs: 10, receivedAtMs: 5, serverTimeMs: 100 });
    estimator.add({ sentAtMs: 10, receivedAtMs: 20, serverTimeMs: Number.NaN });
    expect(estimator.offsetMs).toBeNull();
  });
});
