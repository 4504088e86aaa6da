import { CompiledQuery, type Kysely } from 'kysely';

/**
 * The hot write path of ingestion (rollup deltas, dirty marks): a multi-row `INSERT … ON CONFLICT` whose text is
 * built once per table, column set, row count and engine and then only bound to new values. Building the same
 * statement through the query builder costs as much CPU as SQLite spends executing it, per batch.
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

/** `t.c` merged with `excluded.c` as sparse JSON counts, in each engine's JSON functions. */
function sparseCountMerge(table: string, column: string, style: PlaceholderStyle): string {
  const current = `${quote(table)}.${quote(column)}`;
  const incoming = `excluded.${quote(column)}`;
  if (style === 'dollar')
    return (
      `coalesce((select jsonb_object_agg(k, n order by k::int)::text from (select key as k, sum(value::bigint) as n ` +
      `from (select * from jsonb_each_text(${current}::jsonb) union all select * from jsonb_each_text(${incoming}::jsonb)) e ` +
      `group by key) s), '{}')`
    );
  return (
    `coalesce((select json_group_object(k, n) from (select key as k, sum(value) as n ` +
    `from (select key, value from json_each(${current}) union all select key, value from json_each(${incoming})) ` +
    `group by key order by cast(key as integer))), '{}')`
  );
}

function statementText(spec: BulkUpsert, rowCount: number, style: PlaceholderStyle): string {
  const sparse = spec.sparseCountColumns ?? [];
  const key = `${style}|${spec.table}|${spec.columns.join(',')}|${spec.addColumns.join(',')}|${sparse.join(',')}|${rowCount}`;
  let text = texts.get(key);
  if (!text) {
    let parameter = 0;
    const next = () => (style === 'dollar' ? `$${++parameter}` : '?');
    const rows = Array.from({ length: rowCount }, () => `(${spec.columns.map(next).join(', ')})`);
    const conflict = `on conflict (${spec.conflictColumns.map(quote).join(', ')})`;
    const updates = [
      ...spec.addColumns.map((c) => `${quote(c)} = ${quote(spec.table)}.${quote(c)} + excluded.${quote(c)}`),
      ...sparse.map((c) => `${quote(c)} = ${sparseCountMerge(spec.table, c, style)}`),
    ];
    const action = updates.length === 0 ? 'do nothing' : `do update set ${updates.join(', ')}`;
    text = `insert into ${quote(spec.table)} (${spec.columns.map(quote).join(', ')}) values ${rows.join(', ')} ${conflict} ${action}`;
    if (texts.size > 2000) texts.clear();
    texts.set(key, text);
  }
  return text;
}

/** Runs the upsert for `rows` (each in `spec.columns` order), in slices that stay under the parameter limits. */
export async function executeBulkUpsert(
  db: Kysely<unknown>,
  spec: BulkUpsert,
  rows: readonly (readonly (string | number | null)[])[],
): Promise<void> {
  const perStatement = Math.max(1, Math.floor(24_000 / spec.columns.length));
  const style = placeholderStyle(db);
  for (let start = 0; start < rows.length; start += perStatement) {
    const slice = rows.slice(start, start + perStatement);
    await db.executeQuery(CompiledQuery.raw(statementText(spec, slice.length, style), slice.flat()));
  }
}
