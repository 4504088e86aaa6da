import { sql, type Kysely, type RawBuilder, type SqlBool } from 'kysely';
import {
  parseSortParam,
  type Check,
  type CheckSortField,
  type CheckStatus,
  type SortParam,
} from '@ganzhi/contracts';
import { dialectOf } from '../../db/dialect-of.js';
import { cutPage, positionOf, rowsAfter, type KeyValue, type SortKey } from '../../db/keyset-page.js';
import { containsPattern } from '../../db/like-pattern.js';
import type { DatabaseSchema } from '../../db/schema.js';
import { toCheck } from './check-repository.js';

type Db = Kysely<DatabaseSchema>;

/** What a list selects; every field narrows (AND). */
export interface CheckListFilter {
  readonly channel?: string | undefined;
  readonly business?: string | undefined;
  readonly tag?: string | undefined;
  readonly location?: string | undefined;
  /** Part of the name, already lower-cased like `name_folded`. */
  readonly foldedText?: string | undefined;
  readonly statuses?: readonly CheckStatus[] | undefined;
  /** The region codes allowed; undefined = every check, those without a region included. */
  readonly regions?: ReadonlySet<string> | undefined;
}

export interface LatestRunRow {
  readonly runId: string;
  readonly startedAtMs: number;
  readonly durationMs: number;
  readonly ok: boolean;
  readonly errorClass: string | null;
}

export interface CheckListRow {
  readonly check: Check;
  readonly latest: LatestRunRow | null;
}

/** `status:asc` lists the checks that need attention first. */
const STATUS_RANK: Record<CheckStatus, number> = { down: 0, pending: 1, up: 2, paused: 3 };
/** Past every real value, so checks without a run (or without runs in the window) sort last both ways. */
const AFTER_ALL = { asc: Number.MAX_SAFE_INTEGER, desc: -1 } as const;
const AFTER_ALL_RATIOS = { asc: 2, desc: -1 } as const;

const statusRank = sql<number>`case when checks.enabled = 0 then ${STATUS_RANK.paused} when l.check_id is null then ${STATUS_RANK.pending} when l.ok = 1 then ${STATUS_RANK.up} else ${STATUS_RANK.down} end`;

/** The primary expression of each sort. */
function primaryKey(sort: SortParam<CheckSortField>, windowStartMs: number): RawBuilder<KeyValue> {
  const { field, direction } = parseSortParam(sort);
  switch (field) {
    case 'name':
      return sql<string>`checks.name_folded`;
    case 'status':
      return statusRank;
    case 'lastRunAt':
      return sql<number>`coalesce(l.started_at, ${AFTER_ALL[direction]})`;
    case 'latencyMs':
      return sql<number>`coalesce(l.duration_ms, ${AFTER_ALL[direction]})`;
    case 'successRatio24h':
      return sql<number>`coalesce((select cast(sum(h.ok_runs) as double precision) / sum(h.runs) from check_run_hours h where h.check_id = checks.id and h.hour_start >= ${windowStartMs}), ${AFTER_ALL_RATIOS[direction]})`;
  }
}

/**
 * The keys of a sort, as expressions over `checks` and `l` (its latest run): the primary one, then the name (ties
 * read alphabetically whatever the direction), then the id, so the order is total. The name sort is the folded name
 * and the id only, which the index `checks_list` serves in order without sorting.
 */
function sortKeys(sort: SortParam<CheckSortField>, windowStartMs: number): SortKey[] {
  const { field, direction } = parseSortParam(sort);
  const id: RawBuilder<KeyValue> = sql<string>`checks.id`;
  if (field === 'name')
    return [
      { expression: primaryKey(sort, windowStartMs), direction },
      { expression: id, direction },
    ];
  return [
    { expression: primaryKey(sort, windowStartMs), direction },
    { expression: sql<string>`checks.name_folded`, direction: 'asc' },
    { expression: id, direction: 'asc' },
  ];
}

/** Whether a JSON array column (`["a","b"]`) holds `value` as an element, in each engine's JSON functions. */
function jsonArrayHas(db: Db, column: 'tags_json' | 'locations_json', value: string): RawBuilder<SqlBool> {
  const ref = sql.ref(`checks.${column}`);
  return dialectOf(db) === 'postgres'
    ? sql<SqlBool>`(${ref})::jsonb @> jsonb_build_array(${value}::text)`
    : sql<SqlBool>`exists (select 1 from json_each(${ref}) where json_each.value = ${value})`;
}

/** The conditions on the checks' own columns. */
function checkConditions(db: Db, filter: CheckListFilter): RawBuilder<SqlBool>[] {
  const conditions: RawBuilder<SqlBool>[] = [];
  if (filter.channel !== undefined) conditions.push(sql<SqlBool>`checks.channel = ${filter.channel}`);
  if (filter.business !== undefined) conditions.push(sql<SqlBool>`checks.business = ${filter.business}`);
  if (filter.foldedText !== undefined)
    conditions.push(sql<SqlBool>`checks.name_folded like ${containsPattern(filter.foldedText)} escape '\\'`);
  if (filter.tag !== undefined) conditions.push(jsonArrayHas(db, 'tags_json', filter.tag));
  if (filter.location !== undefined) conditions.push(jsonArrayHas(db, 'locations_json', filter.location));
  if (filter.regions !== undefined)
    conditions.push(
      filter.regions.size === 0
        ? sql<SqlBool>`1 = 0`
        : sql<SqlBool>`checks.region in (${sql.join([...filter.regions])})`,
    );
  return conditions;
}

/** The conditions on the status, which reads the latest run (`l`). */
function statusConditions(filter: CheckListFilter): RawBuilder<SqlBool>[] {
  if (filter.statuses === undefined) return [];
  const ranks = filter.statuses.map((status) => STATUS_RANK[status]);
  return [sql<SqlBool>`${statusRank} in (${sql.join(ranks)})`];
}

const allOf = (conditions: readonly RawBuilder<SqlBool>[]): RawBuilder<SqlBool> =>
  conditions.length === 0 ? sql<SqlBool>`1 = 1` : sql<SqlBool>`${sql.join(conditions, sql` and `)}`;

/** The checks a filter selects, each with its latest run (`l`). */
function filtered(db: Db, filter: CheckListFilter) {
  return db
    .selectFrom('checks')
    .leftJoin('check_latest_runs as l', 'l.check_id', 'checks.id')
    .where(allOf([...checkConditions(db, filter), ...statusConditions(filter)]));
}

/** How many checks the filter selects; the latest run is read only for a status filter. */
export async function countChecks(db: Db, filter: CheckListFilter): Promise<number> {
  const query =
    filter.statuses === undefined
      ? db.selectFrom('checks').where(allOf(checkConditions(db, filter)))
      : filtered(db, filter);
  const row = await query.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirst();
  return Number(row?.n ?? 0);
}

/**
 * One page of checks in a total order, continuing after `cursor` (keyset) or `offset`. Only ids and sort keys are
 * sorted (an inner query computes each key once per check); the page's full rows are read afterwards by id, so
 * sorting never carries flow definitions.
 */
export async function listCheckPage(
  db: Db,
  request: {
    filter: CheckListFilter;
    sort: SortParam<CheckSortField>;
    limit: number;
    cursor?: string | undefined;
    offset?: number | undefined;
    windowStartMs: number;
  },
): Promise<{ rows: CheckListRow[]; nextCursor: string | null }> {
  const keys = sortKeys(request.sort, request.windowStartMs);
  const after = positionOf(request, { sort: request.sort, keys: keys.length });
  const names = keys.map((_, index) => `k${index}`);
  const inner = filtered(db, request.filter).select(keys.map((key, index) => key.expression.as(`k${index}`)));
  const outer: SortKey[] = keys.map((key, index) => ({
    expression: sql<KeyValue>`${sql.ref(`t.${names[index] ?? ''}`)}`,
    direction: key.direction,
  }));
  let query = db.selectFrom(inner.as('t')).select(outer.map((key, index) => key.expression.as(`k${index}`)));
  if (after.length > 0) query = query.where(rowsAfter(outer, after));
  for (const key of outer) query = query.orderBy(key.expression, key.direction);
  if (request.offset) query = query.offset(request.offset);
  const keyRows: Record<string, unknown>[] = await query.limit(request.limit + 1).execute();
  const valuesOf = (row: Record<string, unknown>) => names.map((name) => row[name] as KeyValue);
  const page = cutPage(keyRows, { limit: request.limit, sort: request.sort, keysOf: valuesOf });
  const ids = page.rows.map((row) => String(valuesOf(row).at(-1)));
  return { rows: await readRows(db, ids), nextCursor: page.nextCursor };
}

/** Checks with their latest run, in the order of `ids` (by name for `'all'`). */
export async function readRows(db: Db, ids: readonly string[] | 'all'): Promise<CheckListRow[]> {
  if (ids.length === 0) return [];
  let query = db
    .selectFrom('checks')
    .leftJoin('check_latest_runs as l', 'l.check_id', 'checks.id')
    .selectAll('checks')
    .select(['l.run_id', 'l.started_at', 'l.duration_ms', 'l.ok', 'l.error_class']);
  query =
    ids === 'all' ? query.orderBy('checks.name').orderBy('checks.id') : query.where('checks.id', 'in', ids);
  const rows = await query.execute();
  const byId = new Map(
    rows.map((row) => {
      const { run_id, started_at, duration_ms, ok, error_class, ...check } = row;
      const latest =
        run_id === null || started_at === null || duration_ms === null
          ? null
          : {
              runId: run_id,
              startedAtMs: started_at,
              durationMs: duration_ms,
              ok: ok === 1,
              errorClass: error_class,
            };
      return [row.id, { check: toCheck(check), latest }];
    }),
  );
  if (ids === 'all') return [...byId.values()];
  return ids.flatMap((id) => {
    const row = byId.get(id);
    return row ? [row] : [];
  });
}
