import type { Kysely } from 'kysely';
import type { PlatformEvent } from '@ganzhi/contracts';
import type { DatabaseSchema } from '../../db/schema.js';
import { plainValuesOf } from './event-texts.js';

type Db = Kysely<DatabaseSchema>;

/** Stores an event; its details and params go to `details_json` as one object (params win on a shared name). */
export async function insertEvent(db: Db, event: PlatformEvent & { details: unknown }): Promise<void> {
  const details = typeof event.details === 'object' && event.details !== null ? event.details : {};
  await db
    .insertInto('platform_events')
    .values({
      id: event.id,
      at: Date.parse(event.at),
      kind: event.kind,
      severity: event.severity,
      subject: event.subject,
      message: event.message,
      details_json: JSON.stringify({ ...details, ...event.params }),
    })
    .execute();
}

function parseDetails(json: string): unknown {
  try {
    return JSON.parse(json);
  } catch {
    return {};
  }
}

export async function listEvents(
  db: Db,
  options: { limit: number; subject?: string },
): Promise<PlatformEvent[]> {
  let query = db.selectFrom('platform_events').selectAll().orderBy('at', 'desc').limit(options.limit);
  if (options.subject) query = query.where('subject', '=', options.subject);
  const rows = await query.execute();
  return rows.map((row) => ({
    id: row.id,
    at: new Date(row.at).toISOString(),
    kind: row.kind as PlatformEvent['kind'],
    severity: row.severity as PlatformEvent['severity'],
    subject: row.subject,
    message: row.message,
    params: plainValuesOf(parseDetails(row.details_json)),
  }));
}
