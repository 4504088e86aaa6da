import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type {
  CreatedEnrolmentToken,
  EnrolmentToken,
  EnrolmentTokenInput,
  EnrolmentTokenListQuery,
  Page,
} from '@ganzhi/contracts';
import { NotFoundError } from '@ganzhi/runtime';
import type { DatabaseSchema, EnrolmentTokenTable } from '../../db/schema.js';
import { actorName, createOpaqueToken, type RequestContext } from '../auth/index.js';
import { insertEnrolmentToken, listEnrolmentTokenPage, revokeEnrolmentToken } from './agent-repository.js';
import { assertNotReserved } from './agent-service.js';

function stateOf(row: EnrolmentTokenTable, nowMs: number): EnrolmentToken['state'] {
  if (row.used_at !== null) return 'used';
  if (row.revoked_at !== null) return 'revoked';
  return row.expires_at <= nowMs ? 'expired' : 'unused';
}

/** Enrolment tokens: issued once (only the hash kept), listed without the token, revocable until used. */
export function createEnrolmentTokenService(deps: { db: Kysely<DatabaseSchema> }) {
  return {
    async issueToken({
      ctx,
      input,
    }: {
      ctx: RequestContext;
      input: EnrolmentTokenInput;
    }): Promise<CreatedEnrolmentToken> {
      assertNotReserved(input.location);
      const { token, hash } = createOpaqueToken('gze');
      const id = randomUUID();
      const now = ctx.clock.now();
      const expiresAtMs = now + input.expiresInHours * 3_600_000;
      await insertEnrolmentToken(deps.db, {
        id,
        hash,
        location: input.location ?? null,
        createdBy: actorName(ctx.actor),
        nowMs: now,
        expiresAtMs,
      });
      return { id, token, location: input.location ?? null, expiresAt: new Date(expiresAtMs).toISOString() };
    },

    /** A page of issued tokens (never the token itself), filtered and sorted as asked. */
    listTokenPage({
      ctx,
      query,
    }: {
      ctx: RequestContext;
      query: EnrolmentTokenListQuery;
    }): Promise<Page<EnrolmentToken>> {
      const now = ctx.clock.now();
      return listEnrolmentTokenPage(deps.db, {
        query,
        nowMs: now,
        toItem: (row) => ({
          id: row.id,
          location: row.location,
          createdBy: row.created_by,
          createdAt: new Date(row.created_at).toISOString(),
          expiresAt: new Date(row.expires_at).toISOString(),
          state: stateOf(row, now),
          usedAt: row.used_at === null ? null : new Date(row.used_at).toISOString(),
          agentId: row.agent_id,
        }),
      });
    },

    async revokeToken({ ctx, id }: { ctx: RequestContext; id: string }): Promise<void> {
      if (!(await revokeEnrolmentToken(deps.db, id, ctx.clock.now())))
        throw new NotFoundError('unused enrolment token', id);
    },
  };
}

export type EnrolmentTokenService = ReturnType<typeof createEnrolmentTokenService>;
