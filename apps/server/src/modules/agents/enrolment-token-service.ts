import type { Kysely } from 'kysely';
import type { EnrolmentToken } from '@ganzhi/contracts';
import { NotFoundError } from '@ganzhi/runtime';
import type { DatabaseSchema, EnrolmentTokenTable } from '../../db/schema.js';
import type { RequestContext } from '../auth/index.js';
import { listEnrolmentTokens, revokeEnrolmentToken } from './agent-repository.js';

function stateOf(row: EnrolmentTokenTable, nowMs: number): EnrolmentToken['state'] {
  if (row.used_at !== null) return 'used';
  if (row.revoked_at !== null) return 'revoked';
  return row.expires_at <= nowMs ? 'expired' : 'unused';
}

function iso(ms: number | null): string | null {
  return ms === null ? null : new Date(ms).toISOString();
}

/** Issued enrolment tokens: listed without the token itself, and revocable until an agent has used them. */
export function createEnrolmentTokenService(deps: { db: Kysely<DatabaseSchema> }) {
  return {
    async listTokens({ ctx }: { ctx: RequestContext }): Promise<EnrolmentToken[]> {
      const now = ctx.clock.now();
      return (await listEnrolmentTokens(deps.db)).map((row) => ({
        id: row.id,
        location: row.location,
        createdBy: row.created_by,
        createdAt: new Date(row.created_at).toISOString(),
        expiresAt: new Date(row.expires_at).toISOString(),
        state: stateOf(row, now),
        usedAt: iso(row.used_at),
        agentId: row.agent_id,
      }));
    },

    async revokeToken({ ctx, id }: { ctx: RequestContext; id: string }): Promise<void> {
      if (!(await revokeEnrolmentToken(deps.db, id, ctx.clock.now())))
        throw new NotFoundError('unused enrolment token', id);
    },
  };
}

export type EnrolmentTokenService = ReturnType<typeof createEnrolmentTokenService>;
