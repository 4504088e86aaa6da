import type { Kysely } from 'kysely';
import type { Run } from '@ganzhi/contracts';
import type { DatabaseSchema } from '../../db/schema.js';

type Db = Kysely<DatabaseSchema>;

const HOUR_MS = 3_600_000;

/** A check's runs and successful runs over the 24-hour window. */
export interface RunCounts {
  readonly runs: number;
  readonly okRuns: number;
}

/**
 * The start of the 24-hour window at `nowMs`: the current clock hour and the 23 before it. Counting by whole hours
 * keeps the window one indexed row per hour and check instead of every run.
 */
export function runWindowStart(nowMs: number): number {
  return Math.floor(nowMs / HOUR_MS) * HOUR_MS - 23 * HOUR_MS;
}

/** Per check, its newest run among `runs` (the later start; the greater id on a tie, as the migration does). */
function newestPerCheck(runs: readonly Run[]): Run[] {
  const newest = new Map<string, { run: Run; startMs: number }>();
  for (const run of runs) {
    const startMs = Date.parse(run.startedAt);
    const held = newest.get(run.checkId);
    if (!held || startMs > held.startMs || (startMs === held.startMs && run.id > held.run.id))
      newest.set(run.checkId, { run, startMs });
  }
  return [...newest.values()].map((entry) => entry.run);
}

/** Hour counts of `runs` inside the window, one row per check and hour (one upsert may touch a row only once). */
function hourRows(runs: readonly Run[], windowStartMs: number) {
  const rows = new Map<string, { check_id: string; hour_start: number; runs: number; ok_runs: number }>();
  for (const run of runs) {
    const startMs = Date.parse(run.startedAt);
    if (startMs < windowStartMs) continue;
    const hourStart = Math.floor(startMs / HOUR_MS) * HOUR_MS;
    const key = `${run.checkId}\n${hourStart}`;
    const row = rows.get(key) ?? { check_id: run.checkId, hour_start: hourStart, runs: 0, ok_runs: 0 };
    row.runs += 1;
    row.ok_runs += run.ok ? 1 : 0;
    rows.set(key, row);
  }
  return [...rows.values()];
}

/**
 * Folds newly stored runs into each check's latest run and hour counts, inside the transaction that stores them.
 * Call it only with runs stored for the first time (a replayed upload must not count twice) that measured their
 * target. A run older than the latest one kept (a late upload from an agent's backlog) leaves the latest alone but
 * still counts in its hour.
 */
export async function recordLatestRuns(
  db: Db,
  batch: { runs: readonly Run[]; nowMs: number },
): Promise<void> {
  const latest = newestPerCheck(batch.runs);
  if (latest.length === 0) return;
  await db
    .insertInto('check_latest_runs')
    .values(
      latest.map((run) => ({
        check_id: run.checkId,
        run_id: run.id,
        location: run.location,
        started_at: Date.parse(run.startedAt),
        duration_ms: run.durationMs,
        ok: run.ok ? 1 : 0,
        error_class: run.errorClass,
      })),
    )
    .onConflict((conflict) =>
      conflict
        .column('check_id')
        .doUpdateSet((eb) => ({
          run_id: eb.ref('excluded.run_id'),
          location: eb.ref('excluded.location'),
          started_at: eb.ref('excluded.started_at'),
          duration_ms: eb.ref('excluded.duration_ms'),
          ok: eb.ref('excluded.ok'),
          error_class: eb.ref('excluded.error_class'),
        }))
        .where((eb) =>
          eb.or([
            eb('excluded.started_at', '>', eb.ref('check_latest_runs.started_at')),
            eb.and([
              eb('excluded.started_at', '=', eb.ref('check_latest_runs.started_at')),
              eb('excluded.run_id', '>', eb.ref('check_latest_runs.run_id')),
            ]),
          ]),
        ),
    )
    .execute();
  const hours = hourRows(batch.runs, runWindowStart(batch.nowMs));
  if (hours.length === 0) return;
  await db
    .insertInto('check_run_hours')
    .values(hours)
    .onConflict((conflict) =>
      conflict.columns(['check_id', 'hour_start']).doUpdateSet((eb) => ({
        runs: eb('check_run_hours.runs', '+', eb.ref('excluded.runs')),
        ok_runs: eb('check_run_hours.ok_runs', '+', eb.ref('excluded.ok_runs')),
      })),
    )
    .execute();
}

/** Runs and successful runs per check since `sinceMs` (a window start), for the given checks or all of them. */
export async function readRunCounts(
  db: Db,
  query: { checkIds: readonly string[] | 'all'; sinceMs: number },
): Promise<Map<string, RunCounts>> {
  const { checkIds } = query;
  if (checkIds.length === 0) return new Map();
  let select = db
    .selectFrom('check_run_hours')
    .select((eb) => [
      'check_id',
      eb.fn.sum<number>('runs').as('runs'),
      eb.fn.sum<number>('ok_runs').as('ok_runs'),
    ])
    .where('hour_start', '>=', query.sinceMs);
  if (checkIds !== 'all') select = select.where('check_id', 'in', checkIds);
  const rows = await select.groupBy('check_id').execute();
  return new Map(rows.map((row) => [row.check_id, { runs: Number(row.runs), okRuns: Number(row.ok_runs) }]));
}

/** Forgets a deleted check's latest run and counts. */
export async function deleteRunStateOfCheck(db: Db, checkId: string): Promise<void> {
  await db.deleteFrom('check_latest_runs').where('check_id', '=', checkId).execute();
  await db.deleteFrom('check_run_hours').where('check_id', '=', checkId).execute();
}

/** Hour counts that no window reads any more. */
export async function pruneRunHours(db: Db, beforeMs: number): Promise<number> {
  const result = await db.deleteFrom('check_run_hours').where('hour_start', '<', beforeMs).executeTakeFirst();
  return Number(result.numDeletedRows);
}

/** When each check's latest stored run started (epoch ms), for checks that have one. */
export async function readLatestRunStarts(db: Db): Promise<Map<string, number>> {
  const rows = await db.selectFrom('check_latest_runs').select(['check_id', 'started_at']).execute();
  return new Map(rows.map((row) => [row.check_id, Number(row.started_at)]));
}
