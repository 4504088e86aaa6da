import { sql, type Kysely, type RawBuilder, type SqlBool } from 'kysely';
import { parseSortParam, type Run, type RunSortField, type SortParam } from '@ganzhi/contracts';
import { cutPage, positionOf, rowsAfter, type KeyValue, type SortKey } from '../../db/keyset-page.js';
import type { DatabaseSchema } from '../../db/schema.js';
import { selectRuns, toRun } from './run-repository.js';

type Db = Kysely<DatabaseSchema>;

/** What a list of one check's runs selects; every field narrows (AND). */
export interface RunListFilter {
  readonly checkId: string;
  readonly ok?: boolean | undefined;
  readonly errorClass?: string | undefined;
  readonly location?: string | undefined;
  /** Start time, inclusive. */
  readonly fromMs?: number | undefined;
  /** Start time, exclusive. */
  readonly toMs?: number | undefined;
}

/**
 * The keys of a sort. A run's key is (check, start, origin), so within one check (start, origin) is unique: by start
 * the list walks the primary key backwards or forwards without sorting; by duration, runs of one duration read
 * newest first whatever the direction.
 */
function sortKeys(sort: SortParam<RunSortField>): SortKey[] {
  const { field, direction } = parseSortParam(sort);
  const start: SortKey[] = [
    { expression: sql<number>`r.started_at`, direction: field === 'startedAt' ? direction : 'desc' },
    { expression: sql<number>`r.origin_no`, direction: field === 'startedAt' ? direction : 'desc' },
  ];
  return field === 'startedAt' ? start : [{ expression: sql<number>`r.duration_us`, direction }, ...start];
}

/**
 * The runs a filter selects. The check's key is a scalar subquery, not a join condition, so PostgreSQL reads the key
 * range in order too instead of sorting all of the check's runs.
 */
function conditions(db: Db, filter: RunListFilter): RawBuilder<SqlBool>[] {
  const checkNo = db.selectFrom('run_checks').select('no').where('check_id', '=', filter.checkId);
  const all: RawBuilder<SqlBool>[] = [sql<SqlBool>`r.check_no = (${checkNo})`];
  if (filter.ok !== undefined) all.push(sql<SqlBool>`r.ok = ${filter.ok ? 1 : 0}`);
  if (filter.errorClass !== undefined) all.push(sql<SqlBool>`r.error_class = ${filter.errorClass}`);
  if (filter.location !== undefined) all.push(sql<SqlBool>`o.location = ${filter.location}`);
  if (filter.fromMs !== undefined) all.push(sql<SqlBool>`r.started_at >= ${filter.fromMs}`);
  if (filter.toMs !== undefined) all.push(sql<SqlBool>`r.started_at < ${filter.toMs}`);
  return all;
}

const allOf = (all: readonly RawBuilder<SqlBool>[]) => sql<SqlBool>`${sql.join(all, sql` and `)}`;

/** How many runs of the check the filter selects (the origins are joined only for a location). */
export async function countRuns(db: Db, filter: RunListFilter): Promise<number> {
  const base =
    filter.location === undefined
      ? db.selectFrom('runs as r')
      : db.selectFrom('runs as r').innerJoin('run_origins as o', 'o.no', 'r.origin_no');
  const row = await base
    .where(allOf(conditions(db, filter)))
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirst();
  return Number(row?.n ?? 0);
}

/** One page of a check's runs in a total order, continuing after `cursor` (keyset) or `offset`. */
export async function listRunPage(
  db: Db,
  request: {
    filter: RunListFilter;
    sort: SortParam<RunSortField>;
    limit: number;
    cursor?: string | undefined;
    offset?: number | undefined;
  },
): Promise<{ runs: Run[]; nextCursor: string | null }> {
  const keys = sortKeys(request.sort);
  const after = positionOf(request, { sort: request.sort, keys: keys.length });
  let query = selectRuns(db)
    .select('r.origin_no')
    .where(allOf(conditions(db, request.filter)));
  if (after.length > 0) query = query.where(rowsAfter(keys, after));
  for (const key of keys) query = query.orderBy(key.expression, key.direction);
  if (request.offset) query = query.offset(request.offset);
  const rows = await query.limit(request.limit + 1).execute();
  const { field } = parseSortParam(request.sort);
  const page = cutPage(rows, {
    limit: request.limit,
    sort: request.sort,
    keysOf: (row): KeyValue[] => {
      // PostgreSQL answers bigint columns as text: the cursor carries numbers.
      const start = [Number(row.started_at), Number(row.origin_no)];
      return field === 'startedAt' ? start : [Number(row.duration_us), ...start];
    },
  });
  return { runs: page.rows.map(toRun), nextCursor: page.nextCursor };
}
