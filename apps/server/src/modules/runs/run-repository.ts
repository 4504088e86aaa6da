import { sql, type ExpressionBuilder, type Kysely } from 'kysely';
import type { ErrorClass, Run } from '@ganzhi/contracts';
import type { DatabaseSchema } from '../../db/schema.js';
import { runIdFromBytes } from './run-id-bytes.js';
import { decodeStepDetail } from './step-detail-codec.js';

type Db = Kysely<DatabaseSchema>;

/** A run as the reads select it: its compact row with the keys resolved and its step detail, if kept. */
interface RunReadRow {
  check_id: string;
  agent_id: string;
  location: string;
  started_at: number;
  duration_us: number;
  ok: number;
  id: Uint8Array;
  error_class: string | null;
  error_message: string | null;
  clock_correction_ms: number | null;
  steps: string | null;
}

export function toRun(row: RunReadRow): Run {
  const startedAtMs = Number(row.started_at);
  const run: Run = {
    id: runIdFromBytes(row.id),
    checkId: row.check_id,
    agentId: row.agent_id,
    location: row.location,
    startedAt: new Date(startedAtMs).toISOString(),
    durationMs: Number(row.duration_us) / 1000,
    ok: row.ok === 1,
    errorClass: row.error_class as ErrorClass | null,
    errorMessage: row.error_message,
    steps: row.steps === null ? [] : decodeStepDetail(row.steps, startedAtMs),
    artifacts: [],
    clockCorrectionMs: row.clock_correction_ms,
  };
  return row.steps === null ? { ...run, stepsDropped: true } : run;
}

/** Runs with their check id, agent, location and kept step detail (a passing run's detail may be gone). */
export function selectRuns(db: Db) {
  return db
    .selectFrom('runs as r')
    .innerJoin('run_checks as c', 'c.no', 'r.check_no')
    .innerJoin('run_origins as o', 'o.no', 'r.origin_no')
    .leftJoin('run_details as d', (join) =>
      join
        .onRef('d.ok', '=', 'r.ok')
        .onRef('d.check_no', '=', 'r.check_no')
        .onRef('d.started_at', '=', 'r.started_at')
        .onRef('d.origin_no', '=', 'r.origin_no'),
    )
    .select([
      'c.check_id',
      'o.agent_id',
      'o.location',
      'r.started_at',
      'r.duration_us',
      'r.ok',
      'r.id',
      'r.error_class',
      'r.error_message',
      'r.clock_correction_ms',
      'd.steps',
    ]);
}

/**
 * Runs that measured their target: not those abandoned by their agent's shutdown (`interrupted`), which would
 * otherwise read as failures in ratios and as a check that is down.
 */
function measuredTheTarget(eb: ExpressionBuilder<DatabaseSchema & { r: DatabaseSchema['runs'] }, 'r'>) {
  return eb.or([eb('r.error_class', 'is', null), eb('r.error_class', '!=', 'interrupted')]);
}

export interface RunCounts {
  readonly runs: number;
  readonly okRuns: number;
}

/** Runs and passing runs per check since `sinceMs`: one key range per check (check, start), never a scan by time. */
export async function countRunsSince(
  db: Db,
  sinceMs: number,
  checkId?: string,
): Promise<Map<string, RunCounts>> {
  let query = db
    .selectFrom('run_checks as c')
    .innerJoin('runs as r', 'r.check_no', 'c.no')
    .select(['c.check_id', sql<number>`count(*)`.as('runs'), sql<number>`sum(r.ok)`.as('ok_runs')])
    .where('r.started_at', '>=', sinceMs)
    .where(measuredTheTarget);
  if (checkId) query = query.where('c.check_id', '=', checkId);
  const rows = await query.groupBy('c.check_id').execute();
  return new Map(
    rows.map((row) => [row.check_id, { runs: Number(row.runs), okRuns: Number(row.ok_runs ?? 0) }]),
  );
}

/**
 * The newest run of each check (or of one check) that measured its target: per check, its key range read backwards
 * to the first such run, then that run by its key (a row-value IN, so no engine is tempted to scan all runs).
 */
export async function findLatestRuns(db: Db, checkId?: string): Promise<Map<string, Run>> {
  let latest = db.selectFrom('run_checks as l').select((eb) => [
    'l.no',
    eb
      .selectFrom('runs as m')
      .select('m.started_at')
      .whereRef('m.check_no', '=', 'l.no')
      .where((m) => m.or([m('m.error_class', 'is', null), m('m.error_class', '!=', 'interrupted')]))
      .orderBy('m.started_at', 'desc')
      .limit(1)
      .as('latest'),
  ]);
  if (checkId) latest = latest.where('l.check_id', '=', checkId);
  const rows = await selectRuns(db)
    .where(sql<boolean>`(r.check_no, r.started_at) in (${latest})`)
    .where(measuredTheTarget)
    .execute();
  return new Map(rows.map((row) => [row.check_id, toRun(row)]));
}

/** The check keys a deletion applies to: one check's, or every check's (so each deletion walks key ranges). */
function checkNos(db: Db, checkId: string | undefined) {
  let select = db.selectFrom('run_checks').select('no');
  if (checkId) select = select.where('check_id', '=', checkId);
  return select;
}

/** Deletes runs (and their details) of one check, older than a cut-off, or both; returns how many runs went. */
export async function deleteRuns(db: Db, filter: { checkId?: string; beforeMs?: number }): Promise<number> {
  const { beforeMs } = filter;
  let details = db
    .deleteFrom('run_details')
    // Both values of the key's first column, so the deletion seeks (ok, check) ranges instead of scanning.
    .where('ok', 'in', [0, 1])
    .where('check_no', 'in', checkNos(db, filter.checkId));
  if (beforeMs !== undefined) details = details.where('started_at', '<', beforeMs);
  await details.execute();
  let runs = db.deleteFrom('runs').where('check_no', 'in', checkNos(db, filter.checkId));
  if (beforeMs !== undefined) runs = runs.where('started_at', '<', beforeMs);
  const result = await runs.executeTakeFirst();
  return Number(result.numDeletedRows);
}
