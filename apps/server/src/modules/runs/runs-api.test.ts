import { afterAll, beforeAll, expect, it } from 'vitest';
import { checkInputSchema, type Check, type Run } from '@ganzhi/contracts';
import { FakeClock } from '@ganzhi/testing';
import { createSilentLogger } from '@ganzhi/runtime';
import { describeEachDialect } from '../../db/each-dialect.js';
import { openTestApp, type TestApp } from '../../test-app.js';
import { systemContext } from '../auth/index.js';

const NOW = Date.UTC(2026, 10, 22, 2, 0);
const MINUTE = 60_000;

function httpRun(check: Check, options: { startedAtMs: number; ok: boolean }): Run {
  const { ok, startedAtMs } = options;
  return {
    id: crypto.randomUUID(),
    checkId: check.id,
    agentId: 'builtin-local',
    location: 'local',
    startedAt: new Date(startedAtMs).toISOString(),
    durationMs: 87,
    ok,
    errorClass: ok ? null : 'http_status',
    errorMessage: ok ? null : 'status 500',
    steps: [
      {
        index: 0,
        kind: 'http',
        name: 'home',
        ok,
        startedAt: new Date(startedAtMs).toISOString(),
        timings: {
          dnsMs: null,
          connectMs: 3.2,
          tlsMs: null,
          firstByteMs: 80.1,
          downloadMs: 0.4,
          totalMs: 84.7,
        },
        errorClass: ok ? null : 'http_status',
        errorMessage: ok ? null : 'status 500',
        assertions: [],
        detail: { status: ok ? 200 : 500 },
      },
    ],
    artifacts: [],
  };
}

describeEachDialect('runs API over compact storage', (dialect) => {
  let harness: TestApp;
  let check: Check;
  let failure: Run;
  const passing: Run[] = [];

  beforeAll(async () => {
    const clock = new FakeClock(NOW);
    harness = await openTestApp({ dialect, clock });
    check = await harness.services.checks.createCheck({
      ctx: systemContext({ clock, logger: createSilentLogger() }),
      input: checkInputSchema.parse({
        name: 'Hall',
        enabled: false,
        steps: [{ kind: 'http', url: 'http://h/' }],
      }),
    });
    failure = httpRun(check, { startedAtMs: NOW - 30 * MINUTE, ok: false });
    await harness.services.runs.recordRun({
      run: failure,
      check,
      artifactContents: [
        {
          id: 'scene',
          stepIndex: 0,
          kind: 'response',
          contentType: 'application/json',
          content: Buffer.from('{}'),
        },
      ],
    });
    // 22 passing runs after it: the newest 20 keep their steps (the default window), two do not.
    for (let m = 22; m >= 1; m--) passing.push(httpRun(check, { startedAtMs: NOW - m * MINUTE, ok: true }));
    for (const run of passing) await harness.services.runs.recordRun({ run, check });
  });
  afterAll(() => harness.close());

  async function listRuns(query: string): Promise<Run[]> {
    const response = await harness.app.inject({
      method: 'GET',
      url: `/api/v1/checks/${check.id}/runs${query}`,
      headers: harness.sessionHeaders,
    });
    expect(response.statusCode).toBe(200);
    return response.json<{ items: Run[] }>().items;
  }

  it('lists runs newest first: steps for the newest 20 and the failure, none for older passing runs', async () => {
    const items = await listRuns('?limit=50');
    expect(items.map((run) => run.id)).toEqual([...passing.map((run) => run.id).reverse(), failure.id]);
    expect(items.slice(0, 20).every((run) => run.steps.length === 1 && run.stepsDropped === undefined)).toBe(
      true,
    );
    expect(items.slice(20, 22).map((run) => [run.steps, run.stepsDropped])).toEqual([
      [[], true],
      [[], true],
    ]);
    expect(items[0]).toEqual({ ...passing.at(-1), artifacts: [], clockCorrectionMs: null });
    expect(items[22]).toMatchObject({ id: failure.id, steps: failure.steps, errorMessage: 'status 500' });
    expect(items[22]?.artifacts).toEqual([
      { id: 'scene', stepIndex: 0, kind: 'response', contentType: 'application/json', bytes: 2 },
    ]);
  });

  it('honours the limit and the location filter', async () => {
    expect((await listRuns('?limit=5')).map((run) => run.id)).toEqual(
      passing
        .slice(-5)
        .map((run) => run.id)
        .reverse(),
    );
    expect(await listRuns('?location=changsha')).toEqual([]);
  });

  it('serves an artifact of a stored run by the run’s id', async () => {
    const response = await harness.app.inject({
      method: 'GET',
      url: `/api/v1/runs/${failure.id}/artifacts/scene`,
      headers: harness.sessionHeaders,
    });
    expect(response.statusCode).toBe(200);
    expect(response.body).toBe('{}');
  });

  it('shows the newest run as the check’s last run', async () => {
    const response = await harness.app.inject({
      method: 'GET',
      url: `/api/v1/checks/${check.id}`,
      headers: harness.sessionHeaders,
    });
    expect(response.json<{ lastRun: { id: string } | null }>().lastRun?.id).toBe(passing.at(-1)?.id);
  });
});
