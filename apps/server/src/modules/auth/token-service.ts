import { randomUUID } from 'node:crypto';
import type {
  CreatedToken,
  Page,
  Permission,
  TokenDetail,
  TokenInput,
  TokenListQuery,
} from '@ganzhi/contracts';
import { ForbiddenError, NotFoundError, ValidationError, type Clock } from '@ganzhi/runtime';
import type { AuditService } from '../audit/index.js';
import type { RegionScope } from '../dimensions/index.js';
import { hasPermission, regionGrantOf, type Actor, type RegionGrant } from './actor.js';
import type { AuthRepository } from './auth-repository.js';
import { createOpaqueToken, hashOpaqueToken } from './opaque-token.js';
import type { RequestContext } from './request-context.js';
import { parsePermissions, type RoleService } from './role-service.js';
import { isoOrNull as iso, parseGrant } from './stored-grant.js';

// Token "last used" is written at most once a minute, so every agent upload does not become a write.
const TOUCH_INTERVAL_MS = 60_000;

export interface TokenServiceDeps {
  readonly repository: AuthRepository;
  readonly roles: RoleService;
  readonly audit: AuditService;
  readonly clock: Clock;
  readonly regionScope: (grant: RegionGrant) => Promise<RegionScope>;
  readonly regionCodes: () => Promise<ReadonlySet<string>>;
}

/** Where a bearer request came from, for "last used". */
export interface TokenClient {
  readonly clientAddress: string | null;
}

/** API tokens: issued with scopes and regions no wider than the creator's, resolved per request, listed, revoked. */
export function createTokenService(deps: TokenServiceDeps) {
  const { repository, roles, audit } = deps;

  return {
    /** The actor of an API token: its scopes within its owner's current rights; expired, revoked or orphaned → null. */
    async actorFromBearer({ token, client }: { token: string; client: TokenClient }): Promise<Actor | null> {
      const found = await repository.findToken(hashOpaqueToken(token));
      const now = deps.clock.now();
      if (!found || found.revoked_at !== null || found.disabled_at !== null) return null;
      if (found.expires_at !== null && found.expires_at <= now) return null;
      if (found.last_used_at === null || now - found.last_used_at > TOUCH_INTERVAL_MS)
        await repository.touchToken(found.id, now, client.clientAddress);
      const owner = await roles.permissionsOf(JSON.parse(found.roles_json) as string[]);
      const scopes = new Set(parsePermissions(found.scopes_json).filter((p) => owner.has(p)));
      return {
        kind: 'token',
        tokenId: found.id,
        userId: found.user_id,
        username: found.username,
        permissions: scopes,
        regions: parseGrant(found.token_regions_json) ?? parseGrant(found.regions_json),
      };
    },

    /** Issues an API token owned by the calling user, with scopes and regions no wider than the caller's own. */
    async createToken({ ctx, input }: { ctx: RequestContext; input: TokenInput }): Promise<CreatedToken> {
      const { actor } = ctx;
      if (actor.kind !== 'user' && actor.kind !== 'token')
        throw new ForbiddenError('tokens are issued to users');
      const scopes: Permission[] = [...new Set(input.scopes)].sort();
      const missing = scopes.filter((scope) => !hasPermission(actor, scope));
      if (missing.length > 0)
        throw new ForbiddenError(`a token cannot have rights you do not hold: ${missing.join(', ')}`);
      const regions = [...new Set(input.regions ?? [])];
      const known = await deps.regionCodes();
      const unknown = regions.filter((code) => !known.has(code));
      if (unknown.length > 0)
        throw new ValidationError(
          'invalid token',
          unknown.map((code) => ({
            path: 'regions',
            code: 'unknown_reference',
            params: { kind: 'region', code },
            message: `unknown region "${code}"`,
          })),
        );
      const mine = await deps.regionScope(regionGrantOf(actor));
      const outside = regions.filter((code) => !mine.includes(code));
      if (outside.length > 0)
        throw new ForbiddenError(
          `regions ${outside.join(', ')} are outside your scope (${mine.roots.join(', ')})`,
          {
            reason: 'region_out_of_scope',
            params: { region: outside.join(', '), scope: mine.roots.join(', ') },
          },
        );
      const expiresAt = input.expiresAt ? Date.parse(input.expiresAt) : null;
      if (expiresAt !== null && expiresAt <= ctx.clock.now())
        throw new ValidationError('invalid token', [
          { path: 'expiresAt', code: 'must_be_future', message: 'must be in the future' },
        ]);
      const { token, hash } = createOpaqueToken('gzt');
      const id = randomUUID();
      const now = ctx.clock.now();
      // A token made by a scoped token inherits that token's regions when it names none.
      const effectiveRegions = regions.length > 0 ? regions : [...(regionGrantOf(actor) ?? [])];
      await repository.insertToken({
        id,
        name: input.name,
        user_id: actor.userId,
        token_hash: hash,
        created_at: now,
        scopes_json: JSON.stringify(scopes),
        regions_json: JSON.stringify(effectiveRegions),
        expires_at: expiresAt,
      });
      await audit.record(ctx, {
        action: 'token.create',
        resource: 'token',
        resourceId: id,
        after: { name: input.name, scopes, regions: effectiveRegions, expiresAt: iso(expiresAt) },
      });
      return {
        id,
        name: input.name,
        token,
        createdAt: new Date(now).toISOString(),
        scopes,
        regions: effectiveRegions,
        expiresAt: iso(expiresAt),
      };
    },

    /** A page of the caller's API tokens (everyone's for holders of users:manage), filtered and sorted as asked. */
    async listTokenPage({
      ctx,
      query,
    }: {
      ctx: RequestContext;
      query: TokenListQuery;
    }): Promise<Page<TokenDetail>> {
      const { actor } = ctx;
      if (actor.kind !== 'user' && actor.kind !== 'token') return { items: [], total: 0, nextCursor: null };
      return repository.listTokenPage({
        query,
        ownerId: hasPermission(actor, 'users:manage') ? null : actor.userId,
        nowMs: ctx.clock.now(),
        toItem: (row) => ({
          id: row.id,
          name: row.name,
          owner: row.username,
          scopes: parsePermissions(row.scopes_json),
          regions: JSON.parse(row.regions_json) as string[],
          createdAt: new Date(row.created_at).toISOString(),
          expiresAt: iso(row.expires_at),
          lastUsedAt: iso(row.last_used_at),
          lastUsedAddress: row.last_used_address,
          revokedAt: iso(row.revoked_at),
        }),
      });
    },

    async revokeToken({ ctx, id }: { ctx: RequestContext; id: string }): Promise<void> {
      const { actor } = ctx;
      const row = await repository.findTokenById(id);
      const isOwner = (actor.kind === 'user' || actor.kind === 'token') && row?.user_id === actor.userId;
      if (!row || (!isOwner && !hasPermission(actor, 'users:manage'))) throw new NotFoundError('token', id);
      await repository.revokeToken(id, ctx.clock.now());
      await audit.record(ctx, {
        action: 'token.revoke',
        resource: 'token',
        resourceId: id,
        before: { name: row.name, revoked: row.revoked_at !== null },
        after: { name: row.name, revoked: true },
      });
    },
  };
}

export type TokenService = ReturnType<typeof createTokenService>;
