import { describe, expect, it } from 'vitest';
import { DEFAULT_DEMO_FAULTS, mergeFaults, planFaults, type FaultedRoute } from './demo-faults.js';

const payment: FaultedRoute = { path: '/api/webhall/payment', kind: 'transaction', baseLatencyMs: 200 };
const balance: FaultedRoute = { path: '/api/webhall/balance', kind: 'query', baseLatencyMs: 40 };

/** Returns the given draws in order, then repeats the last one. */
function sequence(...draws: number[]): () => number {
  let index = 0;
  return () => draws[Math.min(index++, draws.length - 1)] ?? 0;
}

describe('planFaults', () => {
  it('waits 75–125 % of the base latency when no fault is set', () => {
    expect(planFaults({ faults: DEFAULT_DEMO_FAULTS, route: payment, random: () => 0 })).toEqual({
      delayMs: 150,
      shouldFail: false,
      shouldServeWhitePage: false,
    });
    expect(
      planFaults({ faults: DEFAULT_DEMO_FAULTS, route: payment, random: sequence(0, 0, 0, 1) }).delayMs,
    ).toBe(250);
  });

  it('adds latency, jitter and the slow-request penalty', () => {
    const faults = mergeFaults(DEFAULT_DEMO_FAULTS, {
      latencyMs: 100,
      jitterMs: 50,
      slowRatio: 0.5,
      slowLatencyMs: 1000,
    });
    // error 0.9 (no), slow 0.2 (< 0.5: slow), jitter 0.5 → 25 ms, spread 0 → 30 ms
    const plan = planFaults({ faults, route: balance, random: sequence(0.9, 0.2, 0.5, 0, 0) });
    expect(plan).toEqual({ delayMs: 30 + 100 + 25 + 1000, shouldFail: false, shouldServeWhitePage: false });
  });

  it('fails a request when its draw is below errorRatio', () => {
    const faults = mergeFaults(DEFAULT_DEMO_FAULTS, { errorRatio: 0.3 });
    expect(planFaults({ faults, route: balance, random: sequence(0.29, 0.99) }).shouldFail).toBe(true);
    expect(planFaults({ faults, route: balance, random: sequence(0.3, 0.99) }).shouldFail).toBe(false);
  });

  it('slows transactions 3–5 times at month end but leaves queries alone', () => {
    const faults = mergeFaults(DEFAULT_DEMO_FAULTS, { monthEnd: true });
    expect(planFaults({ faults, route: payment, random: () => 0 }).delayMs).toBe(450);
    expect(planFaults({ faults, route: payment, random: sequence(0, 0, 0, 0, 1) }).delayMs).toBe(750);
    expect(planFaults({ faults, route: balance, random: () => 0 }).delayMs).toBe(30);
  });

  it('applies per-route overrides to that route only', () => {
    const faults = mergeFaults(DEFAULT_DEMO_FAULTS, {
      routes: { '/api/webhall/payment': { errorRatio: 1 } },
    });
    expect(planFaults({ faults, route: payment, random: () => 0.5 }).shouldFail).toBe(true);
    expect(planFaults({ faults, route: balance, random: () => 0.5 }).shouldFail).toBe(false);
  });

  it('never delays or fails admin and health routes', () => {
    const faults = mergeFaults(DEFAULT_DEMO_FAULTS, { errorRatio: 1, latencyMs: 5000 });
    const admin: FaultedRoute = { path: '/__demo/faults', kind: 'admin', baseLatencyMs: 0 };
    expect(planFaults({ faults, route: admin, random: () => 0 })).toEqual({
      delayMs: 0,
      shouldFail: false,
      shouldServeWhitePage: false,
    });
  });

  it('serves white pages on page routes only, after their usual delay', () => {
    const faults = mergeFaults(DEFAULT_DEMO_FAULTS, { whitePage: true });
    const page: FaultedRoute = { path: '/webhall/account', kind: 'page', baseLatencyMs: 40 };
    expect(planFaults({ faults, route: page, random: () => 0 })).toEqual({
      delayMs: 30,
      shouldFail: false,
      shouldServeWhitePage: true,
    });
    expect(planFaults({ faults, route: balance, random: () => 0 }).shouldServeWhitePage).toBe(false);
  });

  it('draws random exactly five times whatever the route', () => {
    let draws = 0;
    const random = () => (draws++, 0.5);
    planFaults({
      faults: DEFAULT_DEMO_FAULTS,
      route: { path: '/healthz', kind: 'health', baseLatencyMs: 0 },
      random,
    });
    planFaults({ faults: DEFAULT_DEMO_FAULTS, route: payment, random });
    expect(draws).toBe(10);
  });
});

describe('mergeFaults', () => {
  it('keeps unpatched knobs and replaces the route overrides wholesale', () => {
    const first = mergeFaults(DEFAULT_DEMO_FAULTS, { latencyMs: 10, routes: { '/': { down: true } } });
    const second = mergeFaults(first, { routes: { '/healthz': { down: true } } });
    expect(second.latencyMs).toBe(10);
    expect(second.routes).toEqual({ '/healthz': { down: true } });
    expect(Object.isFrozen(second)).toBe(true);
  });
});
