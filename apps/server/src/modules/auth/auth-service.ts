import { randomBytes, randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { CreatedToken, LoginInput, TokenInput, User } from '@ganzhi/contracts';
import { UnauthenticatedError, type Clock, type Logger, type Secret } from '@ganzhi/runtime';
import type { DatabaseSchema } from '../../db/schema.js';
import type { Actor } from './actor.js';
import { createAuthRepository } from './auth-repository.js';
import { createOpaqueToken, hashOpaqueToken } from './opaque-token.js';
import { hashPassword, verifyPassword } from './password-hash.js';

export const ADMIN_USERNAME = 'admin';
const SESSION_TTL_MS = 12 * 3_600_000;
// Token "last used" is written at most once a minute, so every agent upload does not become a write.
const TOKEN_TOUCH_INTERVAL_MS = 60_000;

export interface AuthServiceDeps {
  readonly db: Kysely<DatabaseSchema>;
  readonly clock: Clock;
  readonly logger: Logger;
}

export interface BootstrapResult {
  /** Set only when the password was generated now: it must be shown to the operator exactly once. */
  readonly generatedPassword: string | null;
  readonly created: boolean;
}

export function createAuthService(deps: AuthServiceDeps) {
  const repository = createAuthRepository(deps.db);

  return {
    /**
     * Makes sure the local `admin` exists. On first start its password comes from `GANZHI_ADMIN_PASSWORD` or is
     * generated; when the variable is set on a later start, it resets the password (the documented recovery path).
     */
    async bootstrapAdmin({ password }: { password: Secret | undefined }): Promise<BootstrapResult> {
      const existing = await repository.findUserByName(ADMIN_USERNAME);
      if (existing) {
        if (password) await repository.updatePassword(existing.id, await hashPassword(password.reveal()));
        return { generatedPassword: null, created: false };
      }
      const generated = password ? null : randomBytes(12).toString('base64url');
      const plain = password?.reveal() ?? generated ?? '';
      await repository.insertUser({
        id: randomUUID(),
        username: ADMIN_USERNAME,
        password_hash: await hashPassword(plain),
        created_at: deps.clock.now(),
      });
      deps.logger.info({ username: ADMIN_USERNAME }, 'bootstrap admin created');
      return { generatedPassword: generated, created: true };
    },

    /** Checks credentials and opens a session; the returned token goes into the session cookie. */
    async login({
      input,
    }: {
      input: LoginInput;
    }): Promise<{ user: User; sessionToken: string; expiresAt: number }> {
      const user = await repository.findUserByName(input.username);
      const valid = user ? await verifyPassword(input.password, user.password_hash) : false;
      if (!user || !valid) throw new UnauthenticatedError('invalid username or password');
      const { token, hash } = createOpaqueToken('gzs');
      const now = deps.clock.now();
      await repository.insertSession({
        id_hash: hash,
        user_id: user.id,
        created_at: now,
        expires_at: now + SESSION_TTL_MS,
      });
      return {
        user: { id: user.id, username: user.username },
        sessionToken: token,
        expiresAt: now + SESSION_TTL_MS,
      };
    },

    async logout({ sessionToken }: { sessionToken: string }): Promise<void> {
      await repository.deleteSession(hashOpaqueToken(sessionToken));
    },

    async actorFromSession({ sessionToken }: { sessionToken: string }): Promise<Actor | null> {
      const session = await repository.findSession(hashOpaqueToken(sessionToken), deps.clock.now());
      return session ? { kind: 'user', userId: session.user_id, username: session.username } : null;
    },

    async actorFromBearer({ token }: { token: string }): Promise<Actor | null> {
      const found = await repository.findToken(hashOpaqueToken(token));
      if (!found) return null;
      const now = deps.clock.now();
      if (found.last_used_at === null || now - found.last_used_at > TOKEN_TOUCH_INTERVAL_MS) {
        await repository.touchToken(found.id, now);
      }
      return { kind: 'token', tokenId: found.id, userId: found.user_id, username: found.username };
    },

    /** Issues an API token for scripts and agents, owned by the calling user. */
    async createToken({ actor, input }: { actor: Actor; input: TokenInput }): Promise<CreatedToken> {
      if (actor.kind === 'system') throw new UnauthenticatedError('tokens are issued to users');
      const { token, hash } = createOpaqueToken('gzt');
      const id = randomUUID();
      const now = deps.clock.now();
      await repository.insertToken({
        id,
        name: input.name,
        user_id: actor.userId,
        token_hash: hash,
        created_at: now,
      });
      return { id, name: input.name, token, createdAt: new Date(now).toISOString() };
    },

    async pruneSessions(): Promise<void> {
      await repository.deleteExpiredSessions(deps.clock.now());
    },
  };
}

export type AuthService = ReturnType<typeof createAuthService>;
