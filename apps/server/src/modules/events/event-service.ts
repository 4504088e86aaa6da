import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { MessageParams, PlatformEvent } from '@ganzhi/contracts';
import type { Clock, Logger } from '@ganzhi/runtime';
import type { DatabaseSchema } from '../../db/schema.js';
import { insertEvent, listEvents } from './event-repository.js';
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

    list: (options: { limit: number; subject?: string }) => listEvents(deps.db, options),

    /** Called after each stored event (alerting subscribes here). */
    subscribe(listener: (event: PlatformEvent) => void): () => void {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

export type EventService = ReturnType<typeof createEventService>;
