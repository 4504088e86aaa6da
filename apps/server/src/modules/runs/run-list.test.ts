import { afterAll, beforeAll, expect, it } from 'vitest';
import {
  checkInputSchema,
  type Check,
  type ErrorClass,
  type ErrorEnvelope,
  type Run,
  type RunPage,
} from '@ganzhi/contracts';
import { FakeClock } from '@ganzhi/testing';
import { createSilentLogger } from '@ganzhi/runtime';
import { describeEachDialect } from '../../db/each-dialect.js';
import { openTestApp, type TestApp } from '../../test-app.js';
import { systemContext } from '../auth/index.js';

const NOW = Date.UTC(2026, 11, 3, 2, 0);
const MINUTE = 60_000;

/** name → minutes ago, location, duration (ms), error class (null: passed). */
const FIXTURES: [string, number, string, number, ErrorClass | null][] = [
  ['r1', 50, 'local', 100, null],
  ['r2', 40, 'local', 900, 'http_status'],
  // The same start as r2 from another origin: the key's last column keeps them apart.
  ['r3', 40, 'changsha', 300, null],
  ['r4', 30, 'changsha', 5000, 'timeout'],
  ['r5', 20, 'local', 300, null],
  ['r6', 10, 'local', 50, null],
];

describeEachDialect('runs list of a check', (dialect) => {
  const clock = new FakeClock(NOW);
  let harness: TestApp;
  let check: Check;
  const names = new Map<string, string>();

  const record = async ([name, minutesAgo, location, durationMs, errorClass]: (typeof FIXTURES)[number]) => {
    const id = crypto.randomUUID();
    names.set(id, name);
    const run: Run = {
      id,
      checkId: check.id,
      agentId: location === 'local' ? 'builtin-local' : `agent-${location}`,
      location,
      startedAt: new Date(NOW - minutesAgo * MINUTE).toISOString(),
      durationMs,
      ok: errorClass === null,
      errorClass,
      errorMessage: errorClass,
      steps: [],
      artifacts: [],
    };
    await harness.services.runs.recordRun({ run, check });
  };
  const list = async (query: string): Promise<RunPage> => {
    const response = await harness.app.inject({
      url: `/api/v1/checks/${check.id}/runs?${query}`,
      headers: harness.sessionHeaders,
    });
    expect(response.statusCode, response.body).toBe(200);
    return response.json<RunPage>();
  };
  const namesOf = (page: RunPage) => page.items.map((run) => names.get(run.id));
  const listed = async (query: string) => namesOf(await list(query));

  beforeAll(async () => {
    harness = await openTestApp({ dialect, clock });
    check = await harness.services.checks.createCheck({
      ctx: systemContext({ clock, logger: createSilentLogger() }),
      input: checkInputSchema.parse({
        name: 'Hall',
        enabled: false,
        locations: ['local', 'changsha'],
        steps: [{ kind: 'http', url: 'http://h/' }],
      }),
    });
    for (const fixture of FIXTURES) await record(fixture);
  });
  afterAll(() => harness.close());

  it('pages newest first with the total, and a cursor that ignores runs stored meanwhile', async () => {
    const first = await list('limit=2');
    expect(namesOf(first)).toEqual(['r6', 'r5']);
    expect(first.total).toBe(6);
    expect(first.items[0]).toMatchObject({ checkId: check.id, location: 'local', durationMs: 50, ok: true });
    await record(['r7', 5, 'local', 70, null]);
    await record(['r0', 60, 'changsha', 80, null]);
    const second = await list(`limit=2&cursor=${first.nextCursor ?? ''}`);
    expect(namesOf(second)).toEqual(['r4', 'r3']);
    expect(second.total).toBe(8);
    const third = await list(`limit=2&cursor=${second.nextCursor ?? ''}`);
    expect(namesOf(third)).toEqual(['r2', 'r1']);
    const last = await list(`limit=2&cursor=${third.nextCursor ?? ''}`);
    expect(namesOf(last)).toEqual(['r0']);
    expect(last.nextCursor).toBeNull();
  });

  it('sorts by start and by duration (runs of one duration newest first), by cursor and by offset', async () => {
    const to = `to=${new Date(NOW - 9 * MINUTE).toISOString()}&from=${new Date(NOW - 55 * MINUTE).toISOString()}`;
    expect(await listed(`${to}&sort=startedAt:asc`)).toEqual(['r1', 'r2', 'r3', 'r4', 'r5', 'r6']);
    expect(await listed(`${to}&sort=durationMs:desc`)).toEqual(['r4', 'r2', 'r5', 'r3', 'r1', 'r6']);
    expect(await listed(`${to}&sort=durationMs:asc`)).toEqual(['r6', 'r1', 'r5', 'r3', 'r2', 'r4']);
    const first = await list(`${to}&sort=durationMs:asc&limit=3`);
    expect(await listed(`${to}&sort=durationMs:asc&limit=3&cursor=${first.nextCursor ?? ''}`)).toEqual([
      'r3',
      'r2',
      'r4',
    ]);
    expect(await listed(`${to}&sort=startedAt:asc&limit=2&offset=1`)).toEqual(['r2', 'r3']);
  });

  it('filters by outcome, error class, location and time, with the total of the filter', async () => {
    const failed = await list('outcome=failed');
    expect(namesOf(failed)).toEqual(['r4', 'r2']);
    expect(failed.total).toBe(2);
    expect(await listed('outcome=ok&location=changsha')).toEqual(['r3', 'r0']);
    expect(await listed('errorClass=timeout')).toEqual(['r4']);
    expect((await list('location=changsha')).total).toBe(3);
    const range = `from=${new Date(NOW - 40 * MINUTE).toISOString()}&to=${new Date(NOW - 20 * MINUTE).toISOString()}`;
    expect(await listed(`${range}&sort=startedAt:asc`)).toEqual(['r2', 'r3', 'r4']);
    expect(await listed('location=yueyang')).toEqual([]);
  });

  it('refuses invalid parameters with the field named, and an unknown check', async () => {
    const byStart = (await list('limit=1')).nextCursor ?? '';
    for (const [query, field] of [
      ['limit=501', 'limit'],
      ['sort=startedAt:up', 'sort'],
      ['outcome=maybe', 'outcome'],
      ['errorClass=bogus', 'errorClass'],
      ['to=noon', 'to'],
      ['cursor=%3F%3F', 'cursor'],
      [`sort=durationMs:desc&cursor=${byStart}`, 'cursor'],
      [`cursor=${byStart}&offset=3`, 'offset'],
    ]) {
      const response = await harness.app.inject({
        url: `/api/v1/checks/${check.id}/runs?${query}`,
        headers: harness.sessionHeaders,
      });
      expect(response.statusCode, query).toBe(400);
      expect(response.json<ErrorEnvelope>().error.details?.map((detail) => detail.path)).toContain(field);
    }
    const missing = await harness.app.inject({
      url: '/api/v1/checks/no-such-check/runs',
      headers: harness.sessionHeaders,
    });
    expect(missing.statusCode).toBe(404);
  });
});
