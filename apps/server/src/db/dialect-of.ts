import type { Kysely } from 'kysely';
import type { SqlDialectName } from './database.js';

const dialects = new WeakMap<object, SqlDialectName>();

/**
 * The engine behind a Kysely instance (or transaction), for the few statements the engines spell differently (JSON
 * functions). Asks the dialect how it writes a parameter rather than guessing from class names; compiles, never runs.
 *
 * @example dialectOf(db) === 'postgres' ? sql`… @> …` : sql`… json_each(…) …`
 */
export function dialectOf<DB>(db: Kysely<DB>): SqlDialectName {
  let dialect = dialects.get(db);
  if (!dialect) {
    const probe = db.selectNoFrom((eb) => eb.val(1).as('x')).compile().sql;
    dialect = probe.includes('$1') ? 'postgres' : 'sqlite';
    dialects.set(db, dialect);
  }
  return dialect;
}
