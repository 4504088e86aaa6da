import { sql, type Kysely, type Selectable } from 'kysely';
import type { ErrorClass, Run, StepResult } from '@ganzhi/contracts';
import type { DatabaseSchema, RunTable } from '../../db/schema.js';

type Db = Kysely<DatabaseSchema>;

export function toRun(row: Selectable<RunTable>): Run {
  return {
    id: row.id,
    checkId: row.check_id,
    agentId: row.agent_id,
    location: row.location,
    startedAt: new Date(row.started_at).toISOString(),
    durationMs: row.duration_ms,
    ok: row.ok === 1,
    errorClass: row.error_class as ErrorClass | null,
    errorMessage: row.error_message,
    steps: JSON.parse(row.steps_json) as StepResult[],
    artifacts: [],
    clockCorrectionMs: row.clock_correction_ms,
  };
}

/**
 * A probe's error message may quote what the target sent, NUL bytes included; PostgreSQL text cannot hold U+0000,
 * and the run must not be lost for a diagnostic character, so it is dropped from the message.
 */
function storableMessage(message: string | null): string | null {
  return message === null ? null : message.replaceAll('\u0000', '');
}

/** Inserts a run unless one with its id exists; returns whether it was new (runs are idempotent by id). */
export async function insertRunOnce(db: Db, run: Run, receivedAtMs: number): Promise<boolean> {
  const result = await db
    .insertInto('runs')
    .values({
      id: run.id,
      check_id: run.checkId,
      agent_id: run.agentId,
      location: run.location,
      started_at: Date.parse(run.startedAt),
      duration_ms: run.durationMs,
      ok: run.ok ? 1 : 0,
      error_class: run.errorClass,
      error_message: storableMessage(run.errorMessage),
      steps_json: JSON.stringify(run.steps),
      received_at: receivedAtMs,
      clock_correction_ms: run.clockCorrectionMs ?? null,
    })
    .onConflict((conflict) => conflict.column('id').doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0) > 0;
}

export async function listRunsOfCheck(
  db: Db,
  query: { checkId: string; limit: number; location?: string | undefined },
): Promise<Run[]> {
  let select = db.selectFrom('runs').selectAll().where('check_id', '=', query.checkId);
  if (query.location !== undefined) select = select.where('location', '=', query.location);
  const rows = await select.orderBy('started_at', 'desc').limit(query.limit).execute();
  return rows.map(toRun);
}

export interface RunCounts {
  readonly runs: number;
  readonly okRuns: number;
}

export async function countRunsSince(
  db: Db,
  sinceMs: number,
  checkId?: string,
): Promise<Map<string, RunCounts>> {
  let query = db
    .selectFrom('runs')
    .select(['check_id', sql<number>`count(*)`.as('runs'), sql<number>`sum(ok)`.as('ok_runs')])
    .where('started_at', '>=', sinceMs);
  if (checkId) query = query.where('check_id', '=', checkId);
  const rows = await query.groupBy('check_id').execute();
  return new Map(
    rows.map((row) => [row.check_id, { runs: Number(row.runs), okRuns: Number(row.ok_runs ?? 0) }]),
  );
}

/** The newest run of each check (or of one check). */
export async function findLatestRuns(db: Db, checkId?: string): Promise<Map<string, Run>> {
  let latest = db
    .selectFrom('runs')
    .select(['check_id', sql<number>`max(started_at)`.as('latest')])
    .groupBy('check_id');
  if (checkId) latest = latest.where('check_id', '=', checkId);
  const rows = await db
    .selectFrom('runs')
    .innerJoin(latest.as('l'), (join) =>
      join.onRef('l.check_id', '=', 'runs.check_id').onRef('l.latest', '=', 'runs.started_at'),
    )
    .selectAll('runs')
    .execute();
  return new Map(rows.map((row) => [row.check_id, toRun(row)]));
}

export async function deleteRuns(db: Db, filter: { checkId?: string; beforeMs?: number }): Promise<number> {
  let query = db.deleteFrom('runs');
  if (filter.checkId) query = query.where('check_id', '=', filter.checkId);
  if (filter.beforeMs !== undefined) query = query.where('started_at', '<', filter.beforeMs);
  const result = await query.executeTakeFirst();
  return Number(result.numDeletedRows);
}
