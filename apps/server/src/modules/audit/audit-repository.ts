import { sql, type Kysely } from 'kysely';
import type { SortDirection } from '@ganzhi/contracts';
import { rowsAfter, type KeyValue, type SortKey } from '../../db/keyset-page.js';
import type { AuditEventTable, DatabaseSchema } from '../../db/schema.js';

type Db = Kysely<DatabaseSchema>;

export interface AuditFilter {
  readonly actor?: string | undefined;
  readonly resource?: string | undefined;
  readonly outcome?: string | undefined;
  readonly fromMs?: number | undefined;
  readonly toMs?: number | undefined;
}

/** The order of the log: by time, then id (ids start with the time, so entries of one millisecond stay apart). */
export function auditSortKeys(direction: SortDirection): SortKey[] {
  return [
    { expression: sql<number>`at`, direction },
    { expression: sql<string>`id`, direction },
  ];
}

function filtered(db: Db, filter: AuditFilter) {
  let query = db.selectFrom('audit_events');
  if (filter.actor) query = query.where('actor_name', '=', filter.actor);
  if (filter.resource) query = query.where('resource', '=', filter.resource);
  if (filter.outcome) query = query.where('outcome', '=', filter.outcome);
  if (filter.fromMs !== undefined) query = query.where('at', '>=', filter.fromMs);
  if (filter.toMs !== undefined) query = query.where('at', '<', filter.toMs);
  return query;
}

/** The audit log is append-only: this repository inserts, reads and deletes past retention, and never updates. */
export function createAuditRepository(db: Db) {
  return {
    insert: (row: AuditEventTable) => db.insertInto('audit_events').values(row).execute(),
    /** A page in the order of `keys`, after the position `after` (a cursor's values; none for the first page). */
    list: (page: {
      filter: AuditFilter;
      keys: readonly SortKey[];
      after: readonly KeyValue[];
      limit: number;
      offset?: number | undefined;
    }) => {
      let query = filtered(db, page.filter).selectAll();
      if (page.after.length > 0) query = query.where(rowsAfter(page.keys, page.after));
      for (const key of page.keys) query = query.orderBy(key.expression, key.direction);
      if (page.offset) query = query.offset(page.offset);
      return query.limit(page.limit).execute();
    },
    count: async (filter: AuditFilter) =>
      Number(
        (
          await filtered(db, filter)
            .select((eb) => eb.fn.countAll<number>().as('n'))
            .executeTakeFirst()
        )?.n ?? 0,
      ),
    deleteOlderThan: (cutoffMs: number) => db.deleteFrom('audit_events').where('at', '<', cutoffMs).execute(),
  };
}
