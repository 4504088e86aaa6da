import { afterAll, beforeAll, expect, it } from 'vitest';
import { checkInputSchema, type Check, type Run } from '@ganzhi/contracts';
import { FakeClock } from '@ganzhi/testing';
import { createSilentLogger, systemClock } from '@ganzhi/runtime';
import { describeEachDialect } from '../../db/each-dialect.js';
import { openTestApp, type TestApp } from '../../test-app.js';
import { systemContext } from '../auth/index.js';
import { createSeriesService } from '../series/index.js';
import { createRunService, type RunService } from './run-service.js';

const NOW = Date.UTC(2026, 10, 22, 2, 0);

function run(check: Check, options: { startedAtMs: number; ok?: boolean; location?: string }): Run {
  const ok = options.ok ?? true;
  return {
    id: crypto.randomUUID(),
    checkId: check.id,
    agentId: 'built-in',
    location: options.location ?? 'local',
    startedAt: new Date(options.startedAtMs).toISOString(),
    durationMs: 123.456,
    ok,
    errorClass: ok ? null : 'http_status',
    errorMessage: ok ? null : 'status 503',
    steps: [
      {
        index: 0,
        kind: 'http',
        name: 'home',
        ok,
        startedAt: new Date(options.startedAtMs + 1).toISOString(),
        timings: {
          dnsMs: 1,
          connectMs: 2.5,
          tlsMs: null,
          firstByteMs: 100,
          downloadMs: 19.956,
          totalMs: 123.456,
        },
        errorClass: ok ? null : 'http_status',
        errorMessage: ok ? null : 'status 503',
        assertions: [{ name: 'status', ok, expected: '2xx', actual: ok ? '200' : '503' }],
        detail: { status: ok ? 200 : 503 },
      },
    ],
    artifacts: [],
  };
}

describeEachDialect('run storage', (dialect) => {
  let harness: TestApp;
  let check: Check;
  /** A run service keeping step results for the 3 newest runs of each check. */
  let runs: RunService;
  const clock = new FakeClock(NOW);
  const ctx = systemContext({ clock: systemClock, logger: createSilentLogger() });

  beforeAll(async () => {
    harness = await openTestApp({ dialect, clock });
    check = await harness.services.checks.createCheck({
      ctx,
      input: checkInputSchema.parse({
        name: 'Home',
        enabled: false,
        steps: [{ kind: 'http', url: 'http://a/' }],
      }),
    });
    const series = createSeriesService({ clock, timeZone: 'Asia/Shanghai' });
    runs = createRunService({ db: harness.database.db, clock, series, detailKeep: 3 });
  });
  afterAll(() => harness.close());

  it('keeps step results of failures and of the newest runs, and drops them from older passing runs', async () => {
    const minute = 60_000;
    const recorded = [
      run(check, { startedAtMs: NOW - 10 * minute, ok: false }),
      ...[9, 8, 7, 6, 5].map((m) => run(check, { startedAtMs: NOW - m * minute })),
    ];
    for (const entry of recorded) await runs.recordRun({ run: entry, check });
    const listed = await runs.listRuns({ checkId: check.id, limit: 10 });
    expect(listed.map((r) => r.id)).toEqual(recorded.map((r) => r.id).reverse());
    expect(listed.map((r) => r.steps.length)).toEqual([1, 1, 1, 0, 0, 1]);
    expect(listed.map((r) => r.stepsDropped ?? false)).toEqual([false, false, false, true, true, false]);
    // What stays for every run: outcome, duration (to the microsecond), error, origin.
    expect(listed[3]).toMatchObject({
      ok: true,
      durationMs: 123.456,
      agentId: 'built-in',
      location: 'local',
    });
    expect(listed[5]).toMatchObject({ ok: false, errorClass: 'http_status', errorMessage: 'status 503' });
    expect(listed[0]?.steps).toEqual(recorded[5]?.steps);
    expect(listed[5]?.steps).toEqual(recorded[0]?.steps);
  });

  it('stores a late passing run older than the newest three without its steps', async () => {
    const late = run(check, { startedAtMs: NOW - 60 * 60_000 });
    expect(await runs.recordRun({ run: late, check })).toEqual({ stored: true });
    const listed = await runs.listRuns({ checkId: check.id, limit: 10 });
    expect(listed.at(-1)).toMatchObject({ id: late.id, steps: [], stepsDropped: true });
  });

  it('stores each run once, however often a batch is replayed, even within one batch', async () => {
    const [a, b] = [1, 2].map((s) => run(check, { startedAtMs: NOW - s * 1000 }));
    if (!a || !b) throw new Error('two runs');
    expect(await runs.recordRuns([a, b, a].map((r) => ({ run: r, check })))).toEqual([true, true, false]);
    expect(await runs.recordRuns([a, b].map((r) => ({ run: r, check })))).toEqual([false, false]);
    // The same start from the same agent and location is the same run, whatever id a replay carries.
    expect(await runs.recordRun({ run: { ...a, id: crypto.randomUUID() }, check })).toEqual({
      stored: false,
    });
  });

  it('writes runs recorded at the same time in one transaction, each caller told about its own', async () => {
    const many = Array.from({ length: 30 }, (_, i) =>
      run(check, { startedAtMs: NOW + 1000 + i, ok: i % 10 !== 0 }),
    );
    const stored = await Promise.all(many.map((r) => runs.recordRun({ run: r, check })));
    expect(stored.every((s) => s.stored)).toBe(true);
    const listed = await runs.listRuns({ checkId: check.id, limit: 30 });
    expect(listed.map((r) => r.id)).toEqual(many.map((r) => r.id).reverse());
    expect(listed.filter((r) => r.steps.length > 0).map((r) => r.ok)).toEqual([
      true,
      true,
      true,
      false,
      false,
      false,
    ]);
  });

  it('summarises each check’s runs since a time and its newest run', async () => {
    const stats = await runs.summariseRecentRuns({ sinceMs: NOW - 10 * 60_000 });
    const newest = (await runs.listRuns({ checkId: check.id, limit: 1 }))[0];
    const all = await runs.listRuns({ checkId: check.id, limit: 100 });
    const since = all.filter((r) => Date.parse(r.startedAt) >= NOW - 10 * 60_000);
    expect(stats.get(check.id)).toEqual({
      counts: { runs: since.length, okRuns: since.filter((r) => r.ok).length },
      latest: newest,
    });
  });

  it('lists one location only, and deletes a check’s runs with their steps', async () => {
    const other = await harness.services.checks.createCheck({
      ctx,
      input: checkInputSchema.parse({
        name: 'Two',
        enabled: false,
        steps: [{ kind: 'http', url: 'http://b/' }],
      }),
    });
    await runs.recordRun({ run: run(other, { startedAtMs: NOW, location: 'changsha' }), check: other });
    await runs.recordRun({ run: run(other, { startedAtMs: NOW + 1, location: 'local' }), check: other });
    const changsha = await runs.listRuns({ checkId: other.id, limit: 10, location: 'changsha' });
    expect(changsha.map((r) => r.location)).toEqual(['changsha']);
    await runs.deleteRunsOfCheck({ checkId: other.id });
    expect(await runs.listRuns({ checkId: other.id, limit: 10 })).toEqual([]);
    expect(await runs.listRuns({ checkId: check.id, limit: 1 })).toHaveLength(1);
  });

  it('deletes runs and their steps older than the retention cut-off', async () => {
    await runs.deleteRunsBefore({ beforeMs: NOW - 6 * 60_000 });
    const listed = await runs.listRuns({ checkId: check.id, limit: 100 });
    expect(Math.min(...listed.map((r) => Date.parse(r.startedAt)))).toBe(NOW - 6 * 60_000);
    const details = await harness.database.db
      .selectFrom('run_details')
      .select('started_at')
      .where('started_at', '<', NOW - 6 * 60_000)
      .execute();
    expect(details).toEqual([]);
  });
});

describeEachDialect('run storage without step results for passing runs', (dialect) => {
  let harness: TestApp;
  beforeAll(async () => {
    harness = await openTestApp({ dialect, clock: new FakeClock(NOW) });
  });
  afterAll(() => harness.close());

  it('keeps only failures’ steps when the newest-runs window is 0', async () => {
    const clock = new FakeClock(NOW);
    const check = await harness.services.checks.createCheck({
      ctx: systemContext({ clock, logger: createSilentLogger() }),
      input: checkInputSchema.parse({
        name: 'Zero',
        enabled: false,
        steps: [{ kind: 'http', url: 'http://z/' }],
      }),
    });
    const series = createSeriesService({ clock, timeZone: 'Asia/Shanghai' });
    const runs = createRunService({ db: harness.database.db, clock, series, detailKeep: 0 });
    await runs.recordRun({ run: run(check, { startedAtMs: NOW - 2000, ok: false }), check });
    await runs.recordRun({ run: run(check, { startedAtMs: NOW - 1000 }), check });
    const listed = await runs.listRuns({ checkId: check.id, limit: 10 });
    expect(listed.map((r) => [r.ok, r.steps.length])).toEqual([
      [true, 0],
      [false, 1],
    ]);
  });
});
