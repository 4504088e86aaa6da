import { sql, type Kysely } from 'kysely';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Check, StepResult } from '@ganzhi/contracts';
import { FakeClock } from '@ganzhi/testing';
import { describeEachDialect, openTestDatabase, type TestDatabase } from '../each-dialect.js';
import { createSeriesService } from '../../modules/series/index.js';
import { createRunService } from '../../modules/runs/index.js';
import { compactRunsMigration } from './0015-compact-runs.js';

const NOW = Date.UTC(2026, 10, 22, 2, 0);
const MINUTE = 60_000;
const CHECK_A = '3f7c0a52-5f64-4c1e-9d0c-2a6b8b8f0a11';
const CHECK_B = '9b2d41e0-7c55-4b8a-a3f4-6d1e2c3b4a55';

function stepsOf(ok: boolean, startedAtMs: number): StepResult[] {
  return [
    {
      index: 0,
      kind: 'http',
      name: 'home',
      ok,
      startedAt: new Date(startedAtMs).toISOString(),
      timings: { dnsMs: null, connectMs: 1.5, tlsMs: null, firstByteMs: 40, downloadMs: 0.5, totalMs: 42 },
      errorClass: ok ? null : 'http_status',
      errorMessage: ok ? null : 'status 503',
      assertions: [],
      detail: { status: ok ? 200 : 503 },
    },
  ];
}

interface LegacyRun {
  id: string;
  checkId: string;
  agentId?: string;
  location?: string;
  startedAtMs: number;
  ok?: boolean;
  durationMs?: number;
}

/** The runs and artifacts tables as migrations 0001 and 0003 left them. */
async function legacyTables(db: Kysely<unknown>, dialect: 'sqlite' | 'postgres'): Promise<void> {
  for (const table of ['runs', 'run_details', 'run_checks', 'run_origins', 'artifacts'])
    await db.schema.dropTable(table).execute();
  await db.schema
    .createTable('runs')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('check_id', 'text', (c) => c.notNull())
    .addColumn('agent_id', 'text', (c) => c.notNull())
    .addColumn('location', 'text', (c) => c.notNull())
    .addColumn('started_at', 'bigint', (c) => c.notNull())
    .addColumn('duration_ms', 'double precision', (c) => c.notNull())
    .addColumn('ok', 'integer', (c) => c.notNull())
    .addColumn('error_class', 'text')
    .addColumn('error_message', 'text')
    .addColumn('steps_json', 'text', (c) => c.notNull())
    .addColumn('received_at', 'bigint', (c) => c.notNull())
    .addColumn('clock_correction_ms', 'bigint')
    .execute();
  await db.schema.createIndex('runs_check_started').on('runs').columns(['check_id', 'started_at']).execute();
  await db.schema
    .createTable('artifacts')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('run_id', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('content_type', 'text', (c) => c.notNull())
    .addColumn('content', dialect === 'postgres' ? 'bytea' : 'blob', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .execute();
}

async function insertLegacyRun(db: Kysely<unknown>, run: LegacyRun): Promise<void> {
  const ok = run.ok ?? true;
  await sql`insert into runs (id, check_id, agent_id, location, started_at, duration_ms, ok, error_class,
      error_message, steps_json, received_at, clock_correction_ms)
    values (${run.id}, ${run.checkId}, ${run.agentId ?? 'builtin-local'}, ${run.location ?? 'local'},
      ${run.startedAtMs}, ${run.durationMs ?? 42}, ${ok ? 1 : 0}, ${ok ? null : 'http_status'},
      ${ok ? null : 'status 503'}, ${JSON.stringify(stepsOf(ok, run.startedAtMs))}, ${run.startedAtMs + 5}, ${null})`.execute(
    db,
  );
}

describeEachDialect('migration 0015: compact runs', (dialect) => {
  let database: TestDatabase;
  const passingA: string[] = [];
  const oldFailure = crypto.randomUUID();

  beforeAll(async () => {
    database = await openTestDatabase(dialect);
    const db = database.db as unknown as Kysely<unknown>;
    await legacyTables(db, dialect);
    await insertLegacyRun(db, {
      id: oldFailure,
      checkId: CHECK_A,
      startedAtMs: NOW - 60 * MINUTE,
      ok: false,
    });
    for (let m = 25; m >= 1; m--) {
      const id = crypto.randomUUID();
      passingA.push(id);
      await insertLegacyRun(db, { id, checkId: CHECK_A, startedAtMs: NOW - m * MINUTE, durationMs: 12.3456 });
    }
    // Another check from a remote agent: ids that are not UUIDs, one of them exactly 16 bytes long.
    const remote = { checkId: CHECK_B, agentId: 'agent-cs-1', location: 'changsha' };
    await insertLegacyRun(db, { ...remote, id: 'run-0001', startedAtMs: NOW - 2 * MINUTE });
    await insertLegacyRun(db, { ...remote, id: 'exactly16bytes!!', startedAtMs: NOW - MINUTE });
    // A replay stored under a new id: same check, start, agent and location.
    await insertLegacyRun(db, { ...remote, id: 'run-0002-replay', startedAtMs: NOW - MINUTE });
    await sql`insert into artifacts (id, run_id, kind, content_type, content, created_at) values
      ('scene', ${oldFailure}, 'response:0', 'application/json', ${Buffer.from('{}')}, ${NOW}),
      ('orphan', 'gone', 'response:0', 'application/json', ${Buffer.from('{}')}, ${NOW})`.execute(db);
    await compactRunsMigration(dialect).up(db);
  });
  afterAll(() => database.destroy());

  function runService() {
    const clock = new FakeClock(NOW);
    return createRunService({
      db: database.db,
      clock,
      series: createSeriesService({ clock, timeZone: 'Asia/Shanghai' }),
    });
  }

  it('keeps every run with its id, outcome and duration (to the microsecond), replays merged', async () => {
    const runs = runService();
    const a = await runs.listRuns({ checkId: CHECK_A, limit: 100 });
    expect(a.map((run) => run.id)).toEqual([...[...passingA].reverse(), oldFailure]);
    expect(a[0]).toMatchObject({ ok: true, durationMs: 12.346, agentId: 'builtin-local', location: 'local' });
    expect(a.at(-1)).toMatchObject({ ok: false, errorClass: 'http_status', errorMessage: 'status 503' });
    const b = await runs.listRuns({ checkId: CHECK_B, limit: 100 });
    expect(b.map((run) => [run.id, run.location, run.agentId])).toEqual([
      ['exactly16bytes!!', 'changsha', 'agent-cs-1'],
      ['run-0001', 'changsha', 'agent-cs-1'],
    ]);
  });

  it('keeps the steps of failures and of the newest 20 runs of each check, re-encoded', async () => {
    const a = await runService().listRuns({ checkId: CHECK_A, limit: 100 });
    expect(a.map((run) => run.steps.length)).toEqual([...Array<number>(20).fill(1), 0, 0, 0, 0, 0, 1]);
    expect(a[0]?.steps).toEqual(stepsOf(true, NOW - MINUTE));
    expect(a.at(-1)?.steps).toEqual(stepsOf(false, NOW - 60 * MINUTE));
    expect(a[20]?.stepsDropped).toBe(true);
  });

  it('gives artifacts their check and drops those whose run was gone', async () => {
    const rows = await database.db.selectFrom('artifacts').select(['id', 'check_id']).execute();
    expect(rows).toEqual([{ id: 'scene', check_id: CHECK_A }]);
    const artifact = await runService().getArtifact({ runId: oldFailure, artifactId: 'scene' });
    expect(artifact?.checkId).toBe(CHECK_A);
  });

  it('takes new runs afterwards, numbering new checks after the migrated ones', async () => {
    const runs = runService();
    const check = { id: 'c-new', business: null, channel: null, region: null } as unknown as Check;
    const run = { ...(await runs.listRuns({ checkId: CHECK_A, limit: 1 }))[0] };
    const fresh = {
      ...run,
      id: crypto.randomUUID(),
      checkId: 'c-new',
      startedAt: new Date(NOW).toISOString(),
    };
    expect(await runs.recordRun({ run: fresh as never, check })).toEqual({ stored: true });
    expect((await runs.listRuns({ checkId: 'c-new', limit: 5 })).map((r) => r.id)).toEqual([fresh.id]);
    const keys = await database.db
      .selectFrom('run_checks')
      .select(['no', 'check_id'])
      .orderBy('no')
      .execute();
    expect(keys.map((key) => key.check_id)).toEqual([CHECK_A, CHECK_B, 'c-new']);
  });
});
