import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import { parseSortParam, type AuditEvent, type AuditQuery, type Page } from '@ganzhi/contracts';
import type { Clock, Logger } from '@ganzhi/runtime';
import { cutPage, positionOf } from '../../db/keyset-page.js';
import type { AuditEventTable, DatabaseSchema } from '../../db/schema.js';
import { actorId, actorName, type Actor, type RequestContext } from '../auth/index.js';
import { diffForAudit } from './audit-changes.js';
import { auditSortKeys, createAuditRepository, type AuditFilter } from './audit-repository.js';

export interface AuditServiceDeps {
  readonly db: Kysely<DatabaseSchema>;
  readonly clock: Clock;
  readonly logger: Logger;
  /** Entries older than this are deleted by the retention job (default 400 days: a year and a reporting month). */
  readonly retentionDays?: number;
}

/** One entry: what was done to which resource, and how it ended. `before`/`after` become a masked field diff. */
export interface AuditEntry {
  readonly action: string;
  readonly resource: string;
  readonly resourceId?: string | null | undefined;
  readonly outcome?: 'ok' | 'denied' | 'failed';
  readonly before?: unknown;
  readonly after?: unknown;
  readonly detail?: string | undefined;
}

/** The actor of an audit entry when nobody is signed in yet (a failed login names who was tried). */
export type AuditActor = Actor | { readonly kind: 'anonymous'; readonly name: string };

export const DEFAULT_AUDIT_RETENTION_DAYS = 400;

function toEvent(row: AuditEventTable): AuditEvent {
  return {
    id: row.id,
    at: new Date(row.at).toISOString(),
    actorKind: row.actor_kind,
    actor: row.actor_name,
    action: row.action,
    resource: row.resource,
    resourceId: row.resource_id,
    outcome: row.outcome as AuditEvent['outcome'],
    changes: row.changes_json ? (JSON.parse(row.changes_json) as AuditEvent['changes']) : null,
    requestId: row.request_id,
    clientAddress: row.client_address,
    detail: row.detail,
  };
}

/** The append-only audit log: every state change, refusal and login, with who, when, where and what changed. */
export function createAuditService(deps: AuditServiceDeps) {
  const repository = createAuditRepository(deps.db);
  const retentionMs = (deps.retentionDays ?? DEFAULT_AUDIT_RETENTION_DAYS) * 86_400_000;

  async function write(
    ctx: Pick<RequestContext, 'requestId' | 'clientAddress'> & { actor: AuditActor },
    entry: AuditEntry,
  ): Promise<void> {
    const { actor } = ctx;
    const changes = diffForAudit(entry.before, entry.after);
    try {
      await repository.insert({
        id: `${deps.clock.now().toString(36)}-${randomUUID()}`,
        at: deps.clock.now(),
        actor_kind: actor.kind,
        actor_id: actor.kind === 'anonymous' ? null : actorId(actor),
        actor_name: actor.kind === 'anonymous' ? actor.name : actorName(actor),
        action: entry.action,
        resource: entry.resource,
        resource_id: entry.resourceId ?? null,
        outcome: entry.outcome ?? 'ok',
        changes_json: changes ? JSON.stringify(changes) : null,
        request_id: ctx.requestId,
        client_address: ctx.clientAddress,
        detail: entry.detail?.slice(0, 500) ?? null,
      });
    } catch (error) {
      // The change itself is committed; losing its audit line is logged loudly rather than failing the request.
      deps.logger.error({ err: error, action: entry.action }, 'audit entry not written');
    }
  }

  return {
    /** Records one entry for the context's actor. */
    record: (ctx: RequestContext, entry: AuditEntry) => write(ctx, entry),
    /** Records an entry before an actor is known (logins). */
    recordAnonymous: (
      ctx: { requestId: string | null; clientAddress: string | null; name: string },
      entry: AuditEntry,
    ) => write({ ...ctx, actor: { kind: 'anonymous', name: ctx.name } }, entry),

    /** A page of the log in the shared list contract (keyset cursor or offset), with the total the filter selects. */
    async listEvents({ query }: { query: AuditQuery }): Promise<Page<AuditEvent>> {
      const filter: AuditFilter = {
        actor: query.actor,
        resource: query.resource,
        outcome: query.outcome,
        fromMs: query.from ? Date.parse(query.from) : undefined,
        toMs: query.to ? Date.parse(query.to) : undefined,
      };
      const keys = auditSortKeys(parseSortParam(query.sort).direction);
      const after = positionOf(query, { sort: query.sort, keys: keys.length });
      const [rows, total] = await Promise.all([
        repository.list({ filter, keys, after, limit: query.limit + 1, offset: query.offset }),
        repository.count(filter),
      ]);
      const page = cutPage(rows, { limit: query.limit, sort: query.sort, keysOf: (row) => [row.at, row.id] });
      return { items: page.rows.map(toEvent), total, nextCursor: page.nextCursor };
    },

    async prune(): Promise<number> {
      const result = await repository.deleteOlderThan(deps.clock.now() - retentionMs);
      return result.reduce((sum, r) => sum + Number(r.numDeletedRows), 0);
    },
  };
}

export type AuditService = ReturnType<typeof createAuditService>;
