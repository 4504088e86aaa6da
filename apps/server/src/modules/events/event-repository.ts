import { sql, type Kysely, type Selectable } from 'kysely';
import type { PlatformEvent, SortDirection } from '@ganzhi/contracts';
import { rowsAfter, type KeyValue, type SortKey } from '../../db/keyset-page.js';
import type { DatabaseSchema, PlatformEventTable } from '../../db/schema.js';
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

/** What a list of events selects; every field narrows (AND). */
export interface EventListFilter {
  readonly kind?: string | undefined;
  readonly subject?: string | undefined;
  /** Events of the agents at this location (their subject is `agent:<id>`). */
  readonly location?: string | undefined;
  readonly fromMs?: number | undefined;
  readonly toMs?: number | undefined;
}

/** The order of the list: by time, then id (a random UUID: it only keeps events of one millisecond apart). */
export function eventSortKeys(direction: SortDirection): SortKey[] {
  return [
    { expression: sql<number>`at`, direction },
    { expression: sql<string>`id`, direction },
  ];
}

function filtered(db: Db, filter: EventListFilter) {
  let query = db.selectFrom('platform_events');
  if (filter.kind !== undefined) query = query.where('kind', '=', filter.kind);
  if (filter.subject !== undefined) query = query.where('subject', '=', filter.subject);
  if (filter.location !== undefined) {
    const location = filter.location;
    // The location of the agent an event is about, not a copy in the event: older events carry none.
    query = query.where('subject', 'in', (eb) =>
      eb
        .selectFrom('agents')
        .select(sql<string>`'agent:' || agents.id`.as('subject'))
        .where('agents.location', '=', location),
    );
  }
  if (filter.fromMs !== undefined) query = query.where('at', '>=', filter.fromMs);
  if (filter.toMs !== undefined) query = query.where('at', '<', filter.toMs);
  return query;
}

function toEvent(row: Selectable<PlatformEventTable>): PlatformEvent {
  return {
    id: row.id,
    at: new Date(Number(row.at)).toISOString(),
    kind: row.kind as PlatformEvent['kind'],
    severity: row.severity as PlatformEvent['severity'],
    subject: row.subject,
    message: row.message,
    params: plainValuesOf(parseDetails(row.details_json)),
  };
}

/** A page of events in the order of `keys`, after the position `after` (a cursor's values; none for the first page). */
export async function listEvents(
  db: Db,
  page: {
    filter: EventListFilter;
    keys: readonly SortKey[];
    after: readonly KeyValue[];
    limit: number;
    offset?: number | undefined;
  },
): Promise<{ event: PlatformEvent; keys: KeyValue[] }[]> {
  let query = filtered(db, page.filter).selectAll();
  if (page.after.length > 0) query = query.where(rowsAfter(page.keys, page.after));
  for (const key of page.keys) query = query.orderBy(key.expression, key.direction);
  if (page.offset) query = query.offset(page.offset);
  const rows = await query.limit(page.limit).execute();
  return rows.map((row) => ({ event: toEvent(row), keys: [Number(row.at), row.id] }));
}

export async function countEvents(db: Db, filter: EventListFilter): Promise<number> {
  const row = await filtered(db, filter)
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirst();
  return Number(row?.n ?? 0);
}
