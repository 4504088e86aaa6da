import { randomBytes, randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { LoginInput, User } from '@ganzhi/contracts';
import {
  AppError,
  ForbiddenError,
  NotFoundError,
  RateLimitedError,
  UnauthenticatedError,
  ValidationError,
  type Clock,
  type FieldIssue,
  type Logger,
  type Secret,
} from '@ganzhi/runtime';
import type { DatabaseSchema } from '../../db/schema.js';
import type { AuditService } from '../audit/index.js';
import type { RegionScope } from '../dimensions/index.js';
import type { SecretBox } from '../secrets/index.js';
import type { Actor, RegionGrant } from './actor.js';
import { createAuthRepository } from './auth-repository.js';
import { createLoginThrottle } from './login-throttle.js';
import { createOpaqueToken, hashOpaqueToken } from './opaque-token.js';
import { hashPassword, verifyPassword } from './password-hash.js';
import type { RequestContext } from './request-context.js';
import { createRoleService } from './role-service.js';
import { createUserService } from './user-service.js';
import { parseGrant } from './stored-grant.js';
import { createTokenService } from './token-service.js';
import { createTotpSecret, isValidTotp, totpUri } from './totp.js';

export const ADMIN_USERNAME = 'admin';
// A session's "last seen" is written at most once a minute, so every console poll does not become a write.
const TOUCH_INTERVAL_MS = 60_000;

export interface SessionSettings {
  /** A session unused this long ends (default 60 minutes). */
  readonly idleMinutes: number;
  /** A session ends this long after sign-in however active (default 12 hours). */
  readonly maxHours: number;
}

export const DEFAULT_SESSION_SETTINGS: SessionSettings = { idleMinutes: 60, maxHours: 12 };

export interface AuthServiceDeps {
  readonly db: Kysely<DatabaseSchema>;
  readonly clock: Clock;
  readonly logger: Logger;
  readonly audit: AuditService;
  readonly sessions?: SessionSettings;
  /** The regions a grant covers, to keep a token's regions inside its creator's. */
  readonly regionScope: (grant: RegionGrant) => Promise<RegionScope>;
  readonly regionCodes: () => Promise<ReadonlySet<string>>;
  /** Seals second-factor keys at rest. */
  readonly secretBox: SecretBox;
  /** Admins must use a second factor: without one they may only enrol it (`GANZHI_REQUIRE_2FA`). */
  readonly requireAdminTotp?: boolean;
}

export interface BootstrapResult {
  /** Set only when the password was generated now: it must be shown to the operator exactly once. */
  readonly generatedPassword: string | null;
  readonly created: boolean;
}

/** Where a login or bearer request came from, for throttling, audit and "last used". */
export interface ClientInfo {
  readonly requestId: string | null;
  readonly clientAddress: string | null;
}

// A password hash nobody can match, verified when the user does not exist so both paths cost the same.
const NOBODY_HASH = `scrypt$${randomBytes(16).toString('base64')}$${randomBytes(32).toString('base64')}`;

export function createAuthService(deps: AuthServiceDeps) {
  const repository = createAuthRepository(deps.db);
  const { audit } = deps;
  const sessions = deps.sessions ?? DEFAULT_SESSION_SETTINGS;
  const idleMs = sessions.idleMinutes * 60_000;
  const maxMs = sessions.maxHours * 3_600_000;
  const throttle = createLoginThrottle(repository);
  const roles = createRoleService({ repository, audit });
  const users = createUserService({ repository, roles, audit, regionCodes: deps.regionCodes });
  const tokens = createTokenService({ ...deps, repository, roles });

  /** Whether this user must enrol a second factor before anything else (admins, when required). */
  function mustEnrolTotp(row: { roles_json: string; totp_secret: string | null }): boolean {
    return deps.requireAdminTotp === true && row.totp_secret === null && row.roles_json.includes('"admin"');
  }

  async function userActor(row: {
    user_id: string;
    username: string;
    roles_json: string;
    regions_json: string;
    totp_secret: string | null;
  }): Promise<Actor> {
    return {
      kind: 'user',
      userId: row.user_id,
      username: row.username,
      // Until the second factor is enrolled, the session reaches only what needs no permission (enrolling it).
      permissions: mustEnrolTotp(row)
        ? new Set()
        : await roles.permissionsOf(JSON.parse(row.roles_json) as string[]),
      regions: parseGrant(row.regions_json),
    };
  }

  /** Verifies the code of a user with a second factor; a missing or wrong code fails the sign-in like a password. */
  /** What is wrong with the one-time code of a sign-in, as its field issue; null when it is right. */
  async function checkSecondFactor(sealed: string, code: string | undefined): Promise<FieldIssue | null> {
    if (code === undefined)
      return { path: 'totp', code: 'one_time_code_required', message: 'a one-time code is required' };
    return (await isValidTotp(deps.secretBox.open(sealed), code, deps.clock.now()))
      ? null
      : { path: 'totp', code: 'one_time_code_wrong', message: 'wrong one-time code' };
  }

  async function describeUser(actor: Actor): Promise<User> {
    if (actor.kind === 'system' || actor.kind === 'agent') return { id: actor.kind, username: actor.name };
    const row = await repository.findUserById(actor.userId);
    return {
      id: actor.userId,
      username: actor.username,
      displayName: row?.display_name ?? '',
      roles: row ? (JSON.parse(row.roles_json) as string[]) : [],
      permissions: [...actor.permissions].sort(),
      regions: [...(actor.regions ?? [])],
      totpEnabled: row?.totp_secret != null,
      totpRequired: row ? mustEnrolTotp(row) : false,
    };
  }

  return {
    roles,
    users,
    ...tokens,

    /**
     * Makes sure the local `admin` exists. On first start its password comes from `GANZHI_ADMIN_PASSWORD` or is
     * generated; when the variable is set on a later start, it resets the password (the documented recovery path)
     * and ends the admin's sessions.
     */
    async bootstrapAdmin({ password }: { password: Secret | undefined }): Promise<BootstrapResult> {
      const existing = await repository.findUserByName(ADMIN_USERNAME);
      if (existing) {
        if (password) {
          await repository.updatePassword(existing.id, await hashPassword(password.reveal()));
          await repository.updateUser(existing.id, { disabled_at: null, roles_json: '["admin"]' });
          await repository.deleteSessionsOf(existing.id);
        }
        return { generatedPassword: null, created: false };
      }
      const generated = password ? null : randomBytes(12).toString('base64url');
      const plain = password?.reveal() ?? generated ?? '';
      await repository.insertUser({
        id: randomUUID(),
        username: ADMIN_USERNAME,
        password_hash: await hashPassword(plain),
        created_at: deps.clock.now(),
        display_name: 'Administrator',
        email: '',
        roles_json: '["admin"]',
        regions_json: '[]',
      });
      deps.logger.info({ username: ADMIN_USERNAME }, 'bootstrap admin created');
      return { generatedPassword: generated, created: true };
    },

    /**
     * Checks credentials and opens a new session (a fresh token each time: the session id rotates at login, and a
     * session the browser presented is ended). Throttled per username and address; the answer and its timing do
     * not tell whether the user exists.
     */
    async login({
      input,
      client,
      previousSession,
    }: {
      input: LoginInput;
      client: ClientInfo;
      previousSession?: string | undefined;
    }): Promise<{ user: User; sessionToken: string; expiresAt: number }> {
      const now = deps.clock.now();
      const who = { ...client, name: input.username.slice(0, 100) };
      const waitMs = await throttle.waitMs(input.username, client.clientAddress, now);
      if (waitMs > 0) {
        await audit.recordAnonymous(who, {
          action: 'login',
          resource: 'session',
          outcome: 'denied',
          detail: 'throttled after repeated failures',
        });
        throw new RateLimitedError(`too many failed sign-ins; try again in ${Math.ceil(waitMs / 1000)} s`);
      }
      const user = await repository.findUserByName(input.username);
      const valid = await verifyPassword(input.password, user?.password_hash ?? NOBODY_HASH);
      if (!user || !valid || user.disabled_at !== null) {
        await throttle.noteFailure(input.username, client.clientAddress, now);
        await audit.recordAnonymous(who, {
          action: 'login',
          resource: 'session',
          outcome: 'failed',
          detail: user?.disabled_at != null && valid ? 'user disabled' : 'invalid username or password',
        });
        throw new UnauthenticatedError('invalid username or password');
      }
      if (user.totp_secret !== null) {
        const problem = await checkSecondFactor(user.totp_secret, input.totp);
        if (problem) {
          await throttle.noteFailure(input.username, client.clientAddress, now);
          await audit.recordAnonymous(who, {
            action: 'login',
            resource: 'session',
            outcome: 'failed',
            detail: problem.message,
          });
          throw new AppError('UNAUTHENTICATED', problem.message, { details: [problem] });
        }
      }
      await throttle.noteSuccess(input.username);
      if (previousSession) await repository.deleteSession(hashOpaqueToken(previousSession));
      const { token, hash } = createOpaqueToken('gzs');
      await repository.insertSession({
        id_hash: hash,
        user_id: user.id,
        created_at: now,
        expires_at: now + maxMs,
      });
      await repository.updateUser(user.id, { last_login_at: now });
      const actor = await userActor({ ...user, user_id: user.id });
      await audit.record(
        { ...client, actor, clock: deps.clock, logger: deps.logger },
        { action: 'login', resource: 'session', resourceId: user.username },
      );
      return { user: await describeUser(actor), sessionToken: token, expiresAt: now + maxMs };
    },

    async logout({ ctx, sessionToken }: { ctx: RequestContext; sessionToken: string }): Promise<void> {
      await repository.deleteSession(hashOpaqueToken(sessionToken));
      await audit.record(ctx, { action: 'logout', resource: 'session' });
    },

    /** The user of a live session: not expired, not idle past the limit, user not disabled. */
    async actorFromSession({ sessionToken }: { sessionToken: string }): Promise<Actor | null> {
      const idHash = hashOpaqueToken(sessionToken);
      const now = deps.clock.now();
      const session = await repository.findSession(idHash, now);
      if (!session || session.disabled_at !== null) return null;
      const lastSeen = session.last_seen_at ?? session.session_created_at;
      if (now - lastSeen > idleMs) {
        await repository.deleteSession(idHash);
        return null;
      }
      if (now - lastSeen > TOUCH_INTERVAL_MS) await repository.touchSession(idHash, now);
      return userActor(session);
    },

    me: ({ actor }: { actor: Actor }) => describeUser(actor),

    /** A new second-factor key for the signed-in user to scan; nothing changes until `enableTotp` confirms it. */
    startTotp({ ctx }: { ctx: RequestContext }): { secret: string; uri: string } {
      if (ctx.actor.kind !== 'user') throw new ForbiddenError('only a signed-in user enrols a second factor');
      const secret = createTotpSecret();
      return { secret, uri: totpUri(secret, ctx.actor.username) };
    },

    /** Turns the second factor on once the user proves their app produces its codes. */
    async enableTotp({
      ctx,
      secret,
      code,
    }: {
      ctx: RequestContext;
      secret: string;
      code: string;
    }): Promise<void> {
      if (ctx.actor.kind !== 'user') throw new ForbiddenError('only a signed-in user enrols a second factor');
      if (!(await isValidTotp(secret, code, ctx.clock.now())))
        throw new ValidationError('the code does not match', [
          { path: 'code', code: 'one_time_code_wrong', message: 'wrong one-time code' },
        ]);
      await repository.updateUser(ctx.actor.userId, { totp_secret: deps.secretBox.seal(secret) });
      await audit.record(ctx, {
        action: 'user.totp-enable',
        resource: 'user',
        resourceId: ctx.actor.username,
      });
    },

    /** Removes a user's second factor (an admin for someone who lost their phone); their sessions end. */
    async resetTotp({ ctx, id }: { ctx: RequestContext; id: string }): Promise<void> {
      const row = (await repository.findUserById(id)) ?? (await repository.findUserByName(id));
      if (!row) throw new NotFoundError('user', id);
      await repository.updateUser(row.id, { totp_secret: null });
      await repository.deleteSessionsOf(row.id);
      await audit.record(ctx, { action: 'user.totp-reset', resource: 'user', resourceId: row.username });
    },

    async pruneSessions(): Promise<void> {
      const now = deps.clock.now();
      await repository.deleteExpiredSessions(now, now - idleMs);
      await throttle.prune(now);
    },
  };
}

export type AuthService = ReturnType<typeof createAuthService>;
