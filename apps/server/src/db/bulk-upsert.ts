import { CompiledQuery, type Kysely, type QueryResult } from 'kysely';

/** PostgreSQL types of the columns a bulk upsert writes, for its arrays. */
export type BulkColumnType = 'text' | 'bigint' | 'integer' | 'double precision';

/**
 * The hot write path of ingestion (external ids, rollup deltas, dirty marks): a multi-row `INSERT … ON CONFLICT`
 * whose text is built once per table, column set and engine — whatever the number of rows — and then only bound to
 * new values: on SQLite one JSON array of the rows, on PostgreSQL one array per column. Building the same statement
 * through the query builder costs as much CPU as SQLite spends executing it, per batch.
 */
export interface BulkUpsert {
  readonly table: string;
  readonly columns: readonly string[];
  readonly conflictColumns: readonly string[];
  /** Columns added to on conflict (`t.c = t.c + excluded.c`); none: the existing row is kept. */
  readonly addColumns: readonly string[];
  /**
   * Text columns holding sparse counts as a JSON object (`{"12":3}`), merged on conflict by adding the counts of
   * equal keys — inside the statement, so concurrent writers never lose an increment.
   */
  readonly sparseCountColumns?: readonly string[];
  /** Columns returned for the rows the statement inserted or updated (`do nothing` rows are not returned). */
  readonly returning?: readonly string[];
  /**
   * The PostgreSQL type of each column. With them, PostgreSQL receives one array per column and unnests it: a
   * statement of constant text with a parameter per column, not one per value, which PostgreSQL parses, plans and
   * binds in a fraction of the time (dirty marks: a quarter of the engine's CPU, external ids: three quarters).
   */
  readonly columnTypes?: readonly BulkColumnType[];
  /**
   * The statement writes its rows in the order of the conflict columns, sorted by the engine (one lock order for
   * concurrent writers on PostgreSQL, neighbouring index pages on both), rather than by the caller: sorting tens of
   * thousands of strings in JavaScript cost about as much as inserting them.
   */
  readonly sortByConflictColumns?: boolean;
  /**
   * No `on conflict` clause: a row whose key exists fails the statement (`isUniqueViolation`). PostgreSQL inserts
   * each row of an `on conflict` statement speculatively, which cost a quarter more than a plain insert.
   */
  readonly failOnConflict?: boolean;
}

/** Whether `error` is either engine's refusal of a duplicate key (PostgreSQL 23505, SQLite's constraint codes). */
export function isUniqueViolation(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return code === '23505' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY' || code === 'SQLITE_CONSTRAINT_UNIQUE';
}

type PlaceholderStyle = 'question' | 'dollar';

const styles = new WeakMap<object, PlaceholderStyle>();
const texts = new Map<string, string>();

function placeholderStyle(db: Kysely<unknown>): PlaceholderStyle {
  let style = styles.get(db);
  if (!style) {
    // Ask the dialect how it writes a parameter rather than guessing from class names.
    const probe = db.selectNoFrom((eb) => eb.val(1).as('x')).compile().sql;
    style = probe.includes('$1') ? 'dollar' : 'question';
    styles.set(db, style);
  }
  return style;
}

const quote = (name: string) => `"${name}"`;

/**
 * `t.c` merged with `excluded.c` as sparse JSON counts, in each engine's JSON functions. Only the incoming entries (a
 * few per minute of a series) are visited: each is added to the stored count of its key, and the sums are laid over
 * the stored object — PostgreSQL's `||`, SQLite's `json_patch` — instead of regrouping both objects, which cost 2–5
 * times more and grew with the stored histogram. PostgreSQL's jsonb keeps its keys in order; on SQLite a key new to
 * the row is appended, which no reader minds (`mergeEncodedInto` takes any order).
 */
function sparseCountMerge(table: string, column: string, style: PlaceholderStyle): string {
  const current = `${quote(table)}.${quote(column)}`;
  const incoming = `excluded.${quote(column)}`;
  if (style === 'dollar')
    return (
      `(${current}::jsonb || coalesce((select jsonb_object_agg(key, value::bigint + ` +
      `coalesce((${current}::jsonb ->> key)::bigint, 0)) from jsonb_each_text(${incoming}::jsonb)), '{}'::jsonb))::text`
    );
  // A key is quoted into the JSON path; keys are bucket indexes (digits), a quote in one fails the statement.
  return (
    `coalesce(json_patch(${current}, (select json_group_object(key, ` +
    `coalesce(json_extract(${current}, '$."' || key || '"'), 0) + value) from json_each(${incoming}))), ${current})`
  );
}

/** `on conflict … do …` and `returning …`: the same whichever way the rows are sent. */
function conflictClause(spec: BulkUpsert, style: PlaceholderStyle): string {
  if (spec.failOnConflict)
    return (spec.returning ?? []).length === 0
      ? ''
      : ` returning ${(spec.returning ?? []).map(quote).join(', ')}`;
  const sparse = spec.sparseCountColumns ?? [];
  const returning = spec.returning ?? [];
  const conflict = `on conflict (${spec.conflictColumns.map(quote).join(', ')})`;
  const updates = [
    ...spec.addColumns.map((c) => `${quote(c)} = ${quote(spec.table)}.${quote(c)} + excluded.${quote(c)}`),
    ...sparse.map((c) => `${quote(c)} = ${sparseCountMerge(spec.table, c, style)}`),
  ];
  const action = updates.length === 0 ? 'do nothing' : `do update set ${updates.join(', ')}`;
  const tail = returning.length === 0 ? '' : ` returning ${returning.map(quote).join(', ')}`;
  return `${conflict} ${action}${tail}`;
}

/** PostgreSQL `insert … values ($1, $2), ($3, $4) …`: one parameter per value (specs without column types). */
function valuesText(spec: BulkUpsert, rowCount: number): string {
  return cachedText(`values|${specKey(spec)}|${rowCount}`, () => {
    let parameter = 0;
    const next = () => `$${++parameter}`;
    const rows = Array.from({ length: rowCount }, () => `(${spec.columns.map(next).join(', ')})`);
    return `insert into ${quote(spec.table)} (${spec.columns.map(quote).join(', ')}) values ${rows.join(', ')} ${conflictClause(spec, 'dollar')}`;
  });
}

function cachedText(key: string, build: () => string): string {
  let text = texts.get(key);
  if (!text) {
    text = build();
    if (texts.size > 2000) texts.clear();
    texts.set(key, text);
  }
  return text;
}

function specKey(spec: BulkUpsert): string {
  const parts = [spec.columns, spec.addColumns, spec.sparseCountColumns ?? [], spec.returning ?? []];
  return `${spec.table}|${parts.map((list) => list.join(',')).join('|')}|${spec.sortByConflictColumns ? 'sorted' : ''}|${spec.failOnConflict ? 'fail' : ''}`;
}

/** ` order by 1, 2` (the conflict columns' positions in the select) when the spec asks the engine to sort. */
function orderClause(spec: BulkUpsert): string {
  if (!spec.sortByConflictColumns) return '';
  return ` order by ${spec.conflictColumns.map((column) => spec.columns.indexOf(column) + 1).join(', ')}`;
}

/**
 * SQLite: `insert … select value ->> 0, value ->> 1 … from jsonb_each(?)`, every row in one JSON parameter. The text
 * is the same whatever the number of rows, so it is prepared once (the statement cache keeps it); a `values` list
 * of one parameter per value was a new statement for nearly every batch, and preparing one of a few thousand
 * parameters cost as much as running it. Binding one string also costs less than binding thousands of values.
 * `jsonb_each` (SQLite 3.45+) parses the array once and hands each row over in binary form, so reading its columns
 * parses nothing again (`json_each` hands over text, parsed anew for every column: a fifth more for rollup rows).
 * (`where true`: SQLite's grammar needs a `where` before an upsert's `on conflict` after a `select`.)
 */
function jsonEachText(spec: BulkUpsert): string {
  return cachedText(`json_each|${specKey(spec)}`, () => {
    const values = spec.columns.map((_, index) => `value ->> ${index}`).join(', ');
    return `insert into ${quote(spec.table)} (${spec.columns.map(quote).join(', ')}) select ${values} from jsonb_each(?) where true${orderClause(spec)} ${conflictClause(spec, 'question')}`;
  });
}

/** PostgreSQL: `insert … select * from unnest($1::text[], $2::bigint[] …)`, one array parameter per column. */
function unnestText(spec: BulkUpsert, types: readonly BulkColumnType[]): string {
  return cachedText(`unnest|${specKey(spec)}|${types.join(',')}`, () => {
    const arrays = types.map((type, index) => `$${index + 1}::${type}[]`).join(', ');
    return `insert into ${quote(spec.table)} (${spec.columns.map(quote).join(', ')}) select * from unnest(${arrays})${orderClause(spec)} ${conflictClause(spec, 'dollar')}`;
  });
}

/**
 * A PostgreSQL array literal of one column's values. Built here rather than by the driver, whose general array
 * encoder cost more than the statement it fed; every element of a text array is quoted, so only `"` and `\` need
 * escaping (text never holds NUL: `safeText`).
 */
function arrayLiteral(
  rows: readonly (readonly (string | number | null)[])[],
  column: number,
  isText: boolean,
) {
  const elements: string[] = [];
  for (const row of rows) {
    const value = row[column];
    if (value === null || value === undefined) elements.push('NULL');
    else if (isText) elements.push(`"${String(value).replace(/["\\]/g, '\\$&')}"`);
    else elements.push(String(value));
  }
  return `{${elements.join(',')}}`;
}

type Rows = readonly (readonly (string | number | null)[])[];

/** One statement of every row where the engine takes arrays; null where the rows must go in `values` slices. */
function wholeStatement(db: Kysely<unknown>, spec: BulkUpsert, rows: Rows): CompiledQuery | null {
  const style = placeholderStyle(db);
  if (style === 'question') return CompiledQuery.raw(jsonEachText(spec), [JSON.stringify(rows)]);
  if (!spec.columnTypes) return null;
  const types = spec.columnTypes;
  const arrays = types.map((type, column) => arrayLiteral(rows, column, type === 'text'));
  return CompiledQuery.raw(unnestText(spec, types), arrays);
}

/** PostgreSQL without column types: one parameter per value, in slices under its parameter limit. */
async function runValuesSlices(
  db: Kysely<unknown>,
  spec: BulkUpsert,
  rows: Rows,
): Promise<QueryResult<Record<string, unknown>>[]> {
  const results: QueryResult<Record<string, unknown>>[] = [];
  const perStatement = Math.max(1, Math.floor(24_000 / spec.columns.length));
  for (let start = 0; start < rows.length; start += perStatement) {
    const end = Math.min(rows.length, start + perStatement);
    // A loop, not rows.flat(): flat() cost as much as the engine's work for small rows.
    const parameters: (string | number | null)[] = [];
    for (let index = start; index < end; index++)
      for (const value of rows[index] ?? []) parameters.push(value);
    results.push(await db.executeQuery(CompiledQuery.raw(valuesText(spec, end - start), parameters)));
  }
  return results;
}

/**
 * Runs the upsert for `rows` (each in `spec.columns` order) and returns the `spec.returning` columns of the rows
 * written (none without `returning`): one statement on SQLite, and on PostgreSQL with `columnTypes`; otherwise in
 * slices of `values` rows that stay under PostgreSQL's parameter limit.
 */
export async function executeBulkUpsert(
  db: Kysely<unknown>,
  spec: BulkUpsert,
  rows: Rows,
): Promise<Record<string, unknown>[]> {
  if (rows.length === 0) return [];
  const statement = wholeStatement(db, spec, rows);
  if (statement) return [...(await db.executeQuery<Record<string, unknown>>(statement)).rows];
  return (await runValuesSlices(db, spec, rows)).flatMap((result) => result.rows);
}
