import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import {
  parseSortParam,
  type MessageParams,
  type Page,
  type PlatformEvent,
  type PlatformEventListQuery,
} from '@ganzhi/contracts';
import type { Clock, Logger } from '@ganzhi/runtime';
import type { DatabaseSchema } from '../../db/schema.js';
import { cutPage, positionOf } from '../../db/keyset-page.js';
import {
  countEvents,
  eventSortKeys,
  insertEvent,
  listEvents,
  type EventListFilter,
} from './event-repository.js';
import { describeEvent, plainValuesOf } from './event-texts.js';

export interface EventServiceDeps {
  readonly db: Kysely<DatabaseSchema>;
  readonly clock: Clock;
  readonly logger: Logger;
}

/**
 * An event to raise. `params` are the values of its text (`agent`, `location`, `since` …; see `event-texts.ts`),
 * stored so that clients say it in their user's language; `message`, the English, is rendered from them when left
 * out. The plain values of `details` count as params too.
 */
export interface RaisedEvent {
  readonly kind: PlatformEvent['kind'];
  readonly severity: PlatformEvent['severity'];
  readonly subject: string;
  readonly params?: MessageParams;
  readonly message?: string;
  readonly details?: unknown;
}

/**
 * Platform events: things the platform itself noticed (an agent went down, a backlog had to be dropped). They are
 * stored and logged; alert rules will subscribe to them.
 */
export function createEventService(deps: EventServiceDeps) {
  const listeners = new Set<(event: PlatformEvent) => void>();
  return {
    async raise(event: RaisedEvent): Promise<PlatformEvent> {
      const params = { ...plainValuesOf(event.details), ...event.params };
      const stored: PlatformEvent = {
        id: randomUUID(),
        at: new Date(deps.clock.now()).toISOString(),
        kind: event.kind,
        severity: event.severity,
        subject: event.subject,
        message: event.message ?? describeEvent(event.kind, params),
        params,
      };
      await insertEvent(deps.db, { ...stored, details: event.details });
      const log = event.severity === 'info' ? deps.logger.info : deps.logger.warn;
      log.call(deps.logger, { event: stored.kind, subject: stored.subject }, stored.message);
      for (const listener of listeners) listener(stored);
      return stored;
    },

    /** A page of events in the shared list contract (keyset cursor or offset), with the total the filter selects. */
    async listEventPage({ query }: { query: PlatformEventListQuery }): Promise<Page<PlatformEvent>> {
      if (
        query.agent !== undefined &&
        query.subject !== undefined &&
        query.subject !== `agent:${query.agent}`
      )
        return { items: [], total: 0, nextCursor: null };
      const filter: EventListFilter = {
        kind: query.kind,
        subject: query.agent === undefined ? query.subject : `agent:${query.agent}`,
        location: query.location,
        fromMs: query.from ? Date.parse(query.from) : undefined,
        toMs: query.to ? Date.parse(query.to) : undefined,
      };
      const keys = eventSortKeys(parseSortParam(query.sort).direction);
      const after = positionOf(query, { sort: query.sort, keys: keys.length });
      const [rows, total] = await Promise.all([
        listEvents(deps.db, { filter, keys, after, limit: query.limit + 1, offset: query.offset }),
        countEvents(deps.db, filter),
      ]);
      const page = cutPage(rows, { limit: query.limit, sort: query.sort, keysOf: (row) => row.keys });
      return { items: page.rows.map((row) => row.event), total, nextCursor: page.nextCursor };
    },

    /** The newest events, of one subject if given: for the server's own readers and tests. */
    async list(options: { limit: number; subject?: string }): Promise<PlatformEvent[]> {
      const rows = await listEvents(deps.db, {
        filter: { subject: options.subject },
        keys: eventSortKeys('desc'),
        after: [],
        limit: options.limit,
      });
      return rows.map((row) => row.event);
    },

    /** Called after each stored event (alerting subscribes here). */
    subscribe(listener: (event: PlatformEvent) => void): () => void {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

export type EventService = ReturnType<typeof createEventService>;
