import { randomUUID } from 'node:crypto';
import {
  BUILTIN_ROLES,
  type PasswordChange,
  type UserApply,
  type UserCreate,
  type Page,
  type UserDetail,
  type UserListQuery,
  type UserUpdate,
} from '@ganzhi/contracts';
import {
  ConflictError,
  ForbiddenError,
  NotFoundError,
  ValidationError,
  type FieldIssue,
} from '@ganzhi/runtime';
import type { UserTable } from '../../db/schema.js';
import type { AuditService } from '../audit/index.js';
import type { AuthRepository } from './auth-repository.js';
import { checkPasswordPolicy } from './password-policy.js';
import { isoOrNull as iso } from './stored-grant.js';
import { hashPassword, verifyPassword } from './password-hash.js';
import type { RequestContext } from './request-context.js';
import type { RoleService } from './role-service.js';

export interface UserServiceDeps {
  readonly repository: AuthRepository;
  readonly roles: RoleService;
  readonly audit: AuditService;
  /** The region codes that exist, to refuse a scope naming an unknown region. */
  readonly regionCodes: () => Promise<ReadonlySet<string>>;
}

export function toUserDetail(row: UserTable): UserDetail {
  return {
    id: row.id,
    username: row.username,
    displayName: row.display_name,
    email: row.email,
    roles: JSON.parse(row.roles_json) as string[],
    regions: JSON.parse(row.regions_json) as string[],
    disabled: row.disabled_at !== null,
    totpEnabled: row.totp_secret !== null,
    createdAt: new Date(row.created_at).toISOString(),
    lastLoginAt: iso(row.last_login_at),
  };
}

/** What the audit log keeps of a user: everything but secrets. */
function auditView(user: UserDetail): Omit<UserDetail, 'lastLoginAt' | 'createdAt' | 'id'> {
  const { lastLoginAt: _lastLogin, createdAt: _created, id: _id, ...view } = user;
  return view;
}

/** Users: created, edited and disabled (never deleted: history keeps the name), passwords set under a policy. */
export function createUserService(deps: UserServiceDeps) {
  const { repository, roles, audit } = deps;

  async function requireUser(id: string): Promise<UserTable> {
    const row = (await repository.findUserById(id)) ?? (await repository.findUserByName(id));
    if (!row) throw new NotFoundError('user', id);
    return row;
  }

  /** Unknown roles and regions are field errors; granting a role needs every permission in it. */
  async function checkGrant(
    ctx: RequestContext,
    grant: { roles?: readonly string[] | undefined; regions?: readonly string[] | undefined },
  ): Promise<void> {
    const issues: FieldIssue[] = [];
    if (grant.roles) {
      const known = new Set((await roles.listRoles()).map((role) => role.name));
      grant.roles.forEach((role, index) => {
        if (!known.has(role))
          issues.push({
            path: `roles.${index}`,
            code: 'unknown_role',
            params: { name: role },
            message: `unknown role "${role}"`,
          });
      });
    }
    if (grant.regions) {
      const known = await deps.regionCodes();
      grant.regions.forEach((region, index) => {
        if (!known.has(region))
          issues.push({
            path: `regions.${index}`,
            code: 'unknown_reference',
            params: { kind: 'region', code: region },
            message: `unknown region "${region}"`,
          });
      });
    }
    if (issues.length > 0) throw new ValidationError('invalid user', issues);
    if (grant.roles) roles.assertCanGrant(ctx, [...(await roles.permissionsOf(grant.roles))], 'these roles');
  }

  async function createUser({ ctx, input }: { ctx: RequestContext; input: UserCreate }): Promise<UserDetail> {
    const issues = checkPasswordPolicy(input.password, input.username);
    if (issues.length > 0) throw new ValidationError('the password does not meet the policy', issues);
    await checkGrant(ctx, input);
    if (await repository.findUserByName(input.username))
      throw new ConflictError(`user ${input.username} already exists`, {
        reason: 'duplicate_name',
        params: { name: input.username },
      });
    return insertUser(ctx, input, await hashPassword(input.password));
  }

  /** Stores a new user and audits it; `passwordHash` 'unset' matches no password (users created as code). */
  async function insertUser(
    ctx: RequestContext,
    input: Omit<UserApply, 'disabled'> & { disabled?: boolean },
    passwordHash: string,
  ): Promise<UserDetail> {
    const id = randomUUID();
    await repository.insertUser({
      id,
      username: input.username,
      password_hash: passwordHash,
      created_at: ctx.clock.now(),
      display_name: input.displayName,
      email: input.email,
      roles_json: JSON.stringify(input.roles),
      regions_json: JSON.stringify(input.regions),
    });
    if (input.disabled === true) await repository.updateUser(id, { disabled_at: ctx.clock.now() });
    const user = toUserDetail(await requireUser(id));
    await audit.record(ctx, {
      action: 'user.create',
      resource: 'user',
      resourceId: user.username,
      after: auditView(user),
    });
    return user;
  }

  async function updateUser({
    ctx,
    id,
    input,
  }: {
    ctx: RequestContext;
    id: string;
    input: UserUpdate;
  }): Promise<UserDetail> {
    const row = await requireUser(id);
    const before = toUserDetail(row);
    await checkGrant(ctx, input);
    if (input.disabled === true && ctx.actor.kind === 'user' && ctx.actor.userId === row.id)
      throw new ConflictError('you cannot disable yourself');
    // Taking roles from someone needs the rights of the roles taken as well as those given.
    if (input.roles) await checkGrant(ctx, { roles: before.roles });
    await repository.updateUser(row.id, {
      ...(input.displayName !== undefined ? { display_name: input.displayName } : {}),
      ...(input.email !== undefined ? { email: input.email } : {}),
      ...(input.roles ? { roles_json: JSON.stringify(input.roles) } : {}),
      ...(input.regions ? { regions_json: JSON.stringify(input.regions) } : {}),
      ...(input.disabled !== undefined
        ? { disabled_at: input.disabled ? (row.disabled_at ?? ctx.clock.now()) : null }
        : {}),
    });
    // A disabled user is signed out everywhere at once; their tokens stop working with them.
    if (input.disabled === true) await repository.deleteSessionsOf(row.id);
    const after = toUserDetail(await requireUser(row.id));
    await audit.record(ctx, {
      action: input.disabled === true && !before.disabled ? 'user.disable' : 'user.update',
      resource: 'user',
      resourceId: row.username,
      before: auditView(before),
      after: auditView(after),
    });
    return after;
  }

  async function resetPassword({
    ctx,
    id,
    password,
  }: {
    ctx: RequestContext;
    id: string;
    password: string;
  }): Promise<void> {
    const row = await requireUser(id);
    const issues = checkPasswordPolicy(password, row.username);
    if (issues.length > 0) throw new ValidationError('the password does not meet the policy', issues);
    await checkGrant(ctx, { roles: JSON.parse(row.roles_json) as string[] });
    await repository.updatePassword(row.id, await hashPassword(password));
    await repository.deleteSessionsOf(row.id);
    await audit.record(ctx, { action: 'user.reset-password', resource: 'user', resourceId: row.username });
  }

  async function changeOwnPassword({
    ctx,
    input,
  }: {
    ctx: RequestContext;
    input: PasswordChange;
  }): Promise<void> {
    if (ctx.actor.kind !== 'user')
      throw new ForbiddenError('only a signed-in user changes their own password');
    const row = await requireUser(ctx.actor.userId);
    if (!(await verifyPassword(input.currentPassword, row.password_hash)))
      throw new ValidationError('the current password is wrong', [
        { path: 'currentPassword', code: 'password_wrong', message: 'wrong password' },
      ]);
    const issues = checkPasswordPolicy(input.newPassword, row.username, 'newPassword');
    if (input.newPassword === input.currentPassword)
      issues.push({
        path: 'newPassword',
        code: 'password_unchanged',
        message: 'must differ from the current password',
      });
    if (issues.length > 0) throw new ValidationError('the password does not meet the policy', issues);
    await repository.updatePassword(row.id, await hashPassword(input.newPassword));
    // Every other session of the user ends; the caller signs in again with the new password.
    await repository.deleteSessionsOf(row.id);
    await audit.record(ctx, { action: 'user.change-password', resource: 'user', resourceId: row.username });
  }

  /**
   * Users as code: creates missing users without a password (files never hold one: an admin sets it), updates
   * role bindings, scope and names of existing ones. Checked as a whole before anything is written.
   */
  async function applyUsers({
    ctx,
    inputs,
  }: {
    ctx: RequestContext;
    inputs: readonly UserApply[];
  }): Promise<{ username: string; action: 'created' | 'updated' | 'unchanged' }[]> {
    for (const input of inputs) await checkGrant(ctx, input);
    const results: { username: string; action: 'created' | 'updated' | 'unchanged' }[] = [];
    for (const input of inputs) {
      const existing = await repository.findUserByName(input.username);
      if (existing) {
        const before = toUserDetail(existing);
        const same =
          before.displayName === input.displayName &&
          before.email === input.email &&
          JSON.stringify(before.roles) === JSON.stringify(input.roles) &&
          JSON.stringify(before.regions) === JSON.stringify(input.regions) &&
          before.disabled === input.disabled;
        if (!same) await updateUser({ ctx, id: existing.id, input });
        results.push({ username: input.username, action: same ? 'unchanged' : 'updated' });
        continue;
      }
      // No password can match this hash's scheme: the user signs in after an admin sets one.
      await insertUser(ctx, input, 'unset');
      results.push({ username: input.username, action: 'created' });
    }
    return results;
  }

  return {
    /** A page of users, filtered and sorted as asked. */
    listUserPage: ({ query }: { query: UserListQuery }): Promise<Page<UserDetail>> =>
      repository.listUserPage(query, toUserDetail),
    getUser: async ({ id }: { id: string }): Promise<UserDetail> => toUserDetail(await requireUser(id)),
    createUser,
    updateUser,
    resetPassword,
    changeOwnPassword,
    applyUsers,
    isBuiltinRole: (name: string) => name in BUILTIN_ROLES,
  };
}

export type UserService = ReturnType<typeof createUserService>;
