import { afterAll, beforeAll, expect, it } from 'vitest';
import { checkInputSchema, type Check, type CheckSummary, type Run } from '@ganzhi/contracts';
import { FakeClock } from '@ganzhi/testing';
import { createSilentLogger, systemClock } from '@ganzhi/runtime';
import { describeEachDialect } from '../../db/each-dialect.js';
import { openTestApp, type TestApp } from '../../test-app.js';
import { systemContext } from '../auth/index.js';

const HOUR = 3_600_000;
const ctx = systemContext({ clock: systemClock, logger: createSilentLogger() });

describeEachDialect('latest run of each check', (dialect) => {
  const clock = new FakeClock(Date.UTC(2026, 11, 3, 2, 30));
  let harness: TestApp;

  beforeAll(async () => {
    harness = await openTestApp({ dialect, clock });
  });
  afterAll(() => harness.close());

  const newCheck = (name: string, locations = ['local']) =>
    harness.services.checks.createCheck({
      ctx,
      input: checkInputSchema.parse({ name, locations, steps: [{ kind: 'wait', durationMs: 10 }] }),
    });

  function run(check: Check, at: { agoMs: number; ok?: boolean; id?: string; location?: string }): Run {
    return {
      id: at.id ?? crypto.randomUUID(),
      checkId: check.id,
      agentId: 'builtin-local',
      location: at.location ?? 'local',
      startedAt: new Date(clock.now() - at.agoMs).toISOString(),
      durationMs: 100,
      ok: at.ok ?? true,
      errorClass: at.ok === false ? 'timeout' : null,
      errorMessage: null,
      steps: [],
      artifacts: [],
    };
  }

  const summary = (check: Check): Promise<CheckSummary> =>
    harness.services.checks.getCheckSummary({ ctx, id: check.id });

  /** The summary as the list serves it, so both readers are checked to agree. */
  async function listed(check: Check): Promise<CheckSummary | undefined> {
    const response = await harness.app.inject({
      url: `/api/v1/checks?text=${encodeURIComponent(check.name)}`,
      headers: harness.sessionHeaders,
    });
    return response.json<{ items: CheckSummary[] }>().items.find((item) => item.id === check.id);
  }

  it('keeps the newest run when an older one arrives later, and counts a replayed upload once', async () => {
    const check = await newCheck('out of order');
    const newer = run(check, { agoMs: 60_000, ok: false });
    const older = run(check, { agoMs: 2 * HOUR, ok: true });
    await harness.services.runs.recordRuns([{ run: newer, check }]);
    await harness.services.runs.recordRuns([{ run: older, check }]);
    await harness.services.runs.recordRuns([
      { run: older, check },
      { run: newer, check },
    ]);
    await harness.services.runs.recordRun({ run: newer, check });
    const expected = {
      status: 'down',
      lastRun: { id: newer.id, startedAt: newer.startedAt, ok: false, errorClass: 'timeout' },
      runs24h: 2,
      successRatio24h: 0.5,
    };
    expect(await summary(check)).toMatchObject(expected);
    expect(await listed(check)).toMatchObject(expected);
  });

  it('takes the later of runs stored in one batch, from any location, and the greater id on a tie', async () => {
    const check = await newCheck('one batch', ['local', 'zhuzhou']);
    const first = run(check, { agoMs: 30_000, id: 'b-run', location: 'zhuzhou' });
    const tie = run(check, { agoMs: 30_000, id: 'a-run', ok: false });
    await harness.services.runs.recordRuns([
      { run: run(check, { agoMs: 90_000 }), check },
      { run: first, check },
      { run: tie, check },
    ]);
    expect((await summary(check)).lastRun?.id).toBe('b-run');
    const later = run(check, { agoMs: 10_000, id: 'c-run', ok: false });
    await harness.services.runs.recordRun({ run: later, check });
    expect(await summary(check)).toMatchObject({ status: 'down', lastRun: { id: 'c-run' }, runs24h: 4 });
  });

  it('gives a check with only an old run that run as its latest, outside the 24-hour counts', async () => {
    const check = await newCheck('old backlog');
    const old = run(check, { agoMs: 30 * HOUR });
    await harness.services.runs.recordRun({ run: old, check });
    expect(await summary(check)).toMatchObject({
      status: 'up',
      lastRun: { id: old.id },
      runs24h: 0,
      successRatio24h: null,
    });
  });

  it('keeps neither the status nor the counts of an interrupted run', async () => {
    const check = await newCheck('interrupted');
    const measured = run(check, { agoMs: 120_000 });
    const interrupted = { ...run(check, { agoMs: 60_000, ok: false }), errorClass: 'interrupted' as const };
    await harness.services.runs.recordRuns([
      { run: measured, check },
      { run: interrupted, check },
    ]);
    expect(await summary(check)).toMatchObject({ status: 'up', lastRun: { id: measured.id }, runs24h: 1 });
  });

  it('forgets the latest run and counts of a deleted check', async () => {
    const check = await newCheck('deleted');
    await harness.services.runs.recordRun({ run: run(check, { agoMs: 1000 }), check });
    await harness.services.checks.deleteCheck({ ctx, id: check.id });
    const db = harness.database.db;
    const rows = await Promise.all([
      db.selectFrom('check_latest_runs').select('check_id').where('check_id', '=', check.id).execute(),
      db.selectFrom('check_run_hours').select('check_id').where('check_id', '=', check.id).execute(),
    ]);
    expect(rows).toEqual([[], []]);
  });

  it('keeps the latest run of runs an agent uploads, replays and backlogs included', async () => {
    const check = await newCheck('uploaded', ['changsha']);
    const issued = await harness.app.inject({
      method: 'POST',
      url: '/api/v1/agents/enrolment-tokens',
      headers: harness.sessionHeaders,
      payload: { location: 'changsha' },
    });
    const enrolled = await harness.app.inject({
      method: 'POST',
      url: '/api/v1/agent/enrol',
      headers: { authorization: `Bearer ${issued.json<{ token: string }>().token}` },
      payload: { name: 'cs-1', location: 'changsha', version: '0.1.0', hostname: 'probe-host' },
    });
    const { credential } = enrolled.json<{ credential: string }>();
    const upload = (runs: Run[]) =>
      harness.app.inject({
        method: 'POST',
        url: '/api/v1/agent/runs',
        headers: { authorization: `Bearer ${credential}` },
        payload: { runs: runs.map((item) => ({ ...item, clockOffsetMs: 0 })), gaps: [] },
      });
    const newest = run(check, { agoMs: 60_000, location: 'changsha', ok: false });
    const backlog = [1, 2, 3].map((hours) => run(check, { agoMs: hours * HOUR, location: 'changsha' }));
    expect((await upload([newest])).statusCode).toBe(200);
    expect((await upload(backlog)).statusCode).toBe(200);
    expect((await upload([...backlog, newest])).statusCode).toBe(200);
    expect(await listed(check)).toMatchObject({
      status: 'down',
      lastRun: { id: newest.id },
      runs24h: 4,
      successRatio24h: 0.75,
    });
  });
  // Last: moving the clock a day ends the admin's session the other tests use.
  it('lets hours leave the window as time passes, keeping the latest run', async () => {
    const check = await newCheck('aging');
    const last = run(check, { agoMs: 5 * 60_000, ok: false });
    await harness.services.runs.recordRuns([
      { run: run(check, { agoMs: 22 * HOUR }), check },
      { run: last, check },
    ]);
    expect(await summary(check)).toMatchObject({ runs24h: 2, successRatio24h: 0.5 });
    await clock.advance(2 * HOUR);
    expect(await summary(check)).toMatchObject({ runs24h: 1, successRatio24h: 0, lastRun: { id: last.id } });
    await clock.advance(23 * HOUR);
    expect(await summary(check)).toMatchObject({ runs24h: 0, successRatio24h: null, status: 'down' });
    // Pruning keeps a day past the window for late uploads, then forgets the hours.
    expect(await harness.services.checks.pruneRunHours()).toBe(0);
    await clock.advance(24 * HOUR);
    expect(await harness.services.checks.pruneRunHours()).toBeGreaterThan(0);
    const left = await harness.database.db
      .selectFrom('check_run_hours')
      .select('hour_start')
      .where('check_id', '=', check.id)
      .execute();
    expect(left).toEqual([]);
  });
});
