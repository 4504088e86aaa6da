import { describe, expect, it } from 'vitest';
import type { FlowResult } from '../run-flow.js';
import type { LagProbe } from './event-loop-lag.js';
import { runMeasuredFlow } from './measured-flow.js';

function result(ok: boolean): FlowResult {
  return {
    startedAt: '2026-11-02T08:00:00.000Z',
    durationMs: 3_000,
    ok,
    errorClass: ok ? null : 'timeout',
    errorMessage: ok ? null : 'step 1 (GET /): timed out',
    steps: [],
    artifacts: [],
    variables: {},
  };
}

/** A thread whose loop stalls for `lagMs` during the given runs (numbered from 1, in the order judged). */
function stallingDuring(runs: readonly number[], lagMs = 900): LagProbe & { judged(): number } {
  let nowMs = 0;
  let judged = 0;
  return {
    judged: () => judged,
    watch: () => () => undefined,
    now: () => (nowMs += 10),
    worstLagMs: () => (runs.includes(++judged) ? lagMs : 0),
  };
}

describe('runMeasuredFlow', () => {
  it('keeps a run that no stall of ours overlapped', async () => {
    const lag = stallingDuring([]);
    const measured = await runMeasuredFlow(() => Promise.resolve(result(false)), lag);
    expect(measured).toMatchObject({ discardedRuns: 0, taintedByLagMs: null, result: { ok: false } });
    expect(lag.judged()).toBe(1);
  });

  it('throws away a failed run overlapped by our stall and keeps its re-run', async () => {
    const outcomes = [result(false), result(true)];
    const measured = await runMeasuredFlow(
      () => Promise.resolve(outcomes.shift() ?? result(false)),
      stallingDuring([1]),
    );
    expect(measured).toMatchObject({ discardedRuns: 1, taintedByLagMs: null, result: { ok: true } });
    expect(outcomes).toHaveLength(0);
  });

  it('re-runs only once, and marks a re-run that was stalled too', async () => {
    let runs = 0;
    const measured = await runMeasuredFlow(
      () => {
        runs += 1;
        return Promise.resolve(result(false));
      },
      stallingDuring([1, 2], 250),
    );
    expect(runs).toBe(2);
    expect(measured).toMatchObject({ discardedRuns: 1, taintedByLagMs: 250 });
  });

  it('does not count a stall at the limit', async () => {
    const measured = await runMeasuredFlow(() => Promise.resolve(result(true)), stallingDuring([1], 100));
    expect(measured.discardedRuns).toBe(0);
  });
});
