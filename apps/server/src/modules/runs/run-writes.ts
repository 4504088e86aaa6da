import type { Insertable, Kysely } from 'kysely';
import type { DatabaseSchema, RunDetailTable, RunTable } from '../../db/schema.js';
import { chunked } from '../../db/chunked.js';

type Db = Kysely<DatabaseSchema>;

export type RunRow = Insertable<RunTable>;
export type RunDetailRow = Insertable<RunDetailTable>;

/** Rows per statement: 9 columns × 1,000 stays under both engines' bound-parameter limits. */
const ROWS_PER_STATEMENT = 1000;

/** The identity of a stored run: its check, start and origin (the table's key). */
export function runKeyOf(row: { check_no: number; started_at: number; origin_no: number }): string {
  return `${row.check_no}:${row.started_at}:${row.origin_no}`;
}

/**
 * Inserts runs whose key is not stored yet; returns the keys it inserted. A replayed run (same check, start and
 * origin) is left as stored, so uploads can be repeated safely.
 */
export async function insertRunRows(db: Db, rows: readonly RunRow[]): Promise<Set<string>> {
  const inserted = new Set<string>();
  for (const chunk of chunked(rows, ROWS_PER_STATEMENT)) {
    const keys = await db
      .insertInto('runs')
      .values(chunk)
      .onConflict((conflict) => conflict.columns(['check_no', 'started_at', 'origin_no']).doNothing())
      .returning(['check_no', 'started_at', 'origin_no'])
      .execute();
    for (const key of keys) inserted.add(runKeyOf(key));
  }
  return inserted;
}

export async function insertRunDetails(db: Db, rows: readonly RunDetailRow[]): Promise<void> {
  for (const chunk of chunked(rows, ROWS_PER_STATEMENT))
    await db
      .insertInto('run_details')
      .values(chunk)
      .onConflict((conflict) => conflict.columns(['ok', 'check_no', 'started_at', 'origin_no']).doNothing())
      .execute();
}

/**
 * Drops the step detail of passing runs that are no longer among the `keep` newest runs of their check (failures
 * keep theirs). First each check's `keep`-th newest start, read along the runs' key backwards (`keep` entries per
 * check); then one deletion of the passing details older than it, each check a range of the details' key. A check
 * with fewer runs than `keep` keeps everything.
 */
export async function dropPassingDetailsBeyond(
  db: Db,
  { checkNos, keep }: { checkNos: readonly number[]; keep: number },
): Promise<void> {
  if (checkNos.length === 0 || keep <= 0) return;
  for (const chunk of chunked([...checkNos], ROWS_PER_STATEMENT)) {
    const cutoffs = await db
      .selectFrom('run_checks as c')
      .select((eb) => [
        'c.no',
        eb
          .selectFrom('runs as r')
          .select('r.started_at')
          .whereRef('r.check_no', '=', 'c.no')
          .orderBy('r.started_at', 'desc')
          .limit(1)
          .offset(keep - 1)
          .as('cutoff'),
      ])
      .where('c.no', 'in', chunk)
      .execute();
    const ranges = cutoffs.flatMap(({ no, cutoff }) =>
      cutoff === null ? [] : [{ no, cutoff: Number(cutoff) }],
    );
    if (ranges.length === 0) continue;
    await db
      .deleteFrom('run_details')
      .where('ok', '=', 1)
      .where((eb) =>
        eb.or(
          ranges.map(({ no, cutoff }) => eb.and([eb('check_no', '=', no), eb('started_at', '<', cutoff)])),
        ),
      )
      .execute();
  }
}
