import type { Kysely } from 'kysely';
import type { AuditEventTable, DatabaseSchema } from '../../db/schema.js';

type Db = Kysely<DatabaseSchema>;

export interface AuditFilter {
  readonly actor?: string | undefined;
  readonly resource?: string | undefined;
  readonly outcome?: string | undefined;
  readonly fromMs?: number | undefined;
  readonly toMs?: number | undefined;
  /** Keyset cursor: rows strictly older than this (at, id). */
  readonly before?: { at: number; id: string } | undefined;
  readonly limit: number;
}

/** The audit log is append-only: this repository inserts, reads and deletes past retention, and never updates. */
export function createAuditRepository(db: Db) {
  return {
    insert: (row: AuditEventTable) => db.insertInto('audit_events').values(row).execute(),
    list: (filter: AuditFilter) => {
      let query = db.selectFrom('audit_events').selectAll();
      if (filter.actor) query = query.where('actor_name', '=', filter.actor);
      if (filter.resource) query = query.where('resource', '=', filter.resource);
      if (filter.outcome) query = query.where('outcome', '=', filter.outcome);
      if (filter.fromMs !== undefined) query = query.where('at', '>=', filter.fromMs);
      if (filter.toMs !== undefined) query = query.where('at', '<', filter.toMs);
      const cursor = filter.before;
      if (cursor)
        query = query.where((eb) =>
          eb.or([eb('at', '<', cursor.at), eb.and([eb('at', '=', cursor.at), eb('id', '<', cursor.id)])]),
        );
      return query.orderBy('at', 'desc').orderBy('id', 'desc').limit(filter.limit).execute();
    },
    deleteOlderThan: (cutoffMs: number) => db.deleteFrom('audit_events').where('at', '<', cutoffMs).execute(),
  };
}
