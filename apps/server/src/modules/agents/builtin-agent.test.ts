import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { checkInputSchema } from '@ganzhi/contracts';
import {
  ALLOW_ALL_ADDRESSES,
  type FlowJob,
  type FlowResult,
  type MeasuredFlow,
  type ProbingSetup,
} from '@ganzhi/probes';
import { createSilentLogger, systemClock } from '@ganzhi/runtime';
import { FakeClock } from '@ganzhi/testing';
import { openTestApp, type TestApp } from '../../test-app.js';
import { systemContext } from '../auth/index.js';
import { BuiltinAgent } from './builtin-agent.js';

const NOW = Date.UTC(2026, 10, 22, 2, 0);

function flowResult(ok: boolean): FlowResult {
  return {
    startedAt: new Date(NOW).toISOString(),
    durationMs: ok ? 60 : 3_000,
    ok,
    errorClass: ok ? null : 'timeout',
    errorMessage: ok ? null : 'step 1 (GET http://127.0.0.1:9/): timed out',
    steps: [],
    artifacts: [],
    variables: {},
  };
}

/** A probing setup whose flows return what the test scripts, one per run, in order. */
function scriptedProbing(script: MeasuredFlow[]): ProbingSetup & { readonly jobs: FlowJob[] } {
  const jobs: FlowJob[] = [];
  return {
    jobs,
    addressPolicy: ALLOW_ALL_ADDRESSES,
    secrets: {},
    browserAvailable: false,
    supportedKinds: new Set(['http']),
    flows: {
      run: (job) => {
        jobs.push(job);
        const next = script.shift();
        return next ? Promise.resolve(next) : Promise.reject(new Error('no more scripted runs'));
      },
      stop: () => Promise.resolve(),
    },
    close: () => Promise.resolve(),
  };
}

describe('BuiltinAgent', () => {
  let harness: TestApp;
  const clock = new FakeClock(NOW);

  beforeAll(async () => {
    harness = await openTestApp({ dialect: 'sqlite', clock });
  });

  afterAll(async () => {
    await harness.close();
  });

  it('never stores a scheduled run whose timing measured our own stall, even after its re-run', async () => {
    const check = await harness.services.checks.createCheck({
      ctx: systemContext({ clock: systemClock, logger: createSilentLogger() }),
      input: checkInputSchema.parse({
        name: 'Balance',
        steps: [{ kind: 'http', url: 'http://127.0.0.1:9/' }],
      }),
    });
    const probing = scriptedProbing([
      // Stalled, re-run, stalled again: neither the failure nor its re-run may count.
      { result: flowResult(false), discardedRuns: 1, taintedByLagMs: 450 },
      // Stalled, re-run clean: the clean re-run is the run.
      { result: flowResult(true), discardedRuns: 1, taintedByLagMs: null },
    ]);
    const agent = new BuiltinAgent({
      agents: harness.services.agents,
      clock,
      logger: createSilentLogger(),
      checks: harness.services.checks,
      runs: harness.services.runs,
      version: 'test',
      concurrency: 2,
      probing,
      holdScheduling: () => Promise.resolve(),
    });
    await agent.start();
    try {
      for (const runs of [1, 2]) {
        await clock.advance(check.intervalSeconds * 1000);
        await vi.waitFor(() => expect(probing.jobs).toHaveLength(runs));
      }
    } finally {
      await agent.stop(); // waits until runs in flight are stored
    }
    const stored = await harness.services.runs.listRuns({ checkId: check.id, limit: 10 });
    expect(stored).toEqual([expect.objectContaining({ ok: true, errorClass: null })]);
  });
});
