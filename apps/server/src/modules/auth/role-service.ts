import {
  BUILTIN_ROLES,
  PERMISSIONS,
  parseSortParam,
  permissionSchema,
  type Page,
  type Permission,
  type Role,
  type RoleInput,
  type RoleListQuery,
} from '@ganzhi/contracts';
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from '@ganzhi/runtime';
import { pageOfItems } from '../../db/list-page.js';
import type { AuditService } from '../audit/index.js';
import type { AuthRepository } from './auth-repository.js';
import { hasPermission } from './actor.js';
import type { RequestContext } from './request-context.js';

/** `*` in a stored token scope: the owner's own rights (tokens issued before scopes existed). */
export const ALL_PERMISSIONS: ReadonlySet<Permission> = new Set(PERMISSIONS);

function parsePermissions(json: string): Permission[] {
  const parsed = JSON.parse(json) as unknown[];
  if (parsed.includes('*')) return [...PERMISSIONS];
  return parsed.flatMap((item) => {
    const permission = permissionSchema.safeParse(item);
    return permission.success ? [permission.data] : [];
  });
}

export { parsePermissions };

/** Roles as data: the built-in set (read-only) and custom roles stored beside it. */
export function createRoleService(deps: { repository: AuthRepository; audit: AuditService }) {
  const { repository, audit } = deps;

  async function listRoles(): Promise<Role[]> {
    const custom = await repository.listRoles();
    const builtin = Object.entries(BUILTIN_ROLES).map(([name, role]) => ({
      name,
      description: role.description,
      permissions: [...role.permissions],
      builtin: true,
    }));
    return [
      ...builtin,
      ...custom.map((row) => ({
        name: row.name,
        description: row.description,
        permissions: parsePermissions(row.permissions_json),
        builtin: false,
      })),
    ];
  }

  /** The union of the named roles' permissions; unknown role names (a deleted custom role) give nothing. */
  async function permissionsOf(roleNames: readonly string[]): Promise<Set<Permission>> {
    const granted = new Set<Permission>();
    const needsCustom = roleNames.some((name) => !(name in BUILTIN_ROLES));
    const custom = needsCustom ? await repository.listRoles() : [];
    for (const name of roleNames) {
      const builtin = BUILTIN_ROLES[name];
      const permissions = builtin
        ? builtin.permissions
        : parsePermissions(custom.find((row) => row.name === name)?.permissions_json ?? '[]');
      for (const permission of permissions) granted.add(permission);
    }
    return granted;
  }

  /** A role may only be granted by someone who holds every permission in it: no escalation through roles. */
  function assertCanGrant(ctx: RequestContext, permissions: readonly Permission[], what: string): void {
    const missing = permissions.filter((permission) => !hasPermission(ctx.actor, permission));
    if (missing.length > 0)
      throw new ForbiddenError(`${what} needs ${missing.join(', ')}, which you do not hold`);
  }

  async function saveRole({ ctx, input }: { ctx: RequestContext; input: RoleInput }): Promise<Role> {
    if (input.name in BUILTIN_ROLES)
      throw new ValidationError('built-in roles cannot be changed', [
        {
          path: 'name',
          code: 'duplicate_name',
          params: { name: input.name },
          message: `${input.name} is a built-in role`,
        },
      ]);
    assertCanGrant(ctx, input.permissions, `role ${input.name}`);
    const before = await repository.findRole(input.name);
    const now = ctx.clock.now();
    const permissions = [...new Set(input.permissions)].sort();
    await repository.upsertRole({
      name: input.name,
      description: input.description,
      permissions_json: JSON.stringify(permissions),
      created_at: before?.created_at ?? now,
      updated_at: now,
    });
    const role = { name: input.name, description: input.description, permissions, builtin: false };
    await audit.record(ctx, {
      action: before ? 'role.update' : 'role.create',
      resource: 'role',
      resourceId: input.name,
      before: before
        ? { description: before.description, permissions: parsePermissions(before.permissions_json) }
        : null,
      after: { description: role.description, permissions },
    });
    return role;
  }

  async function deleteRole({ ctx, name }: { ctx: RequestContext; name: string }): Promise<void> {
    if (name in BUILTIN_ROLES) throw new ConflictError(`${name} is a built-in role and cannot be deleted`);
    const before = await repository.findRole(name);
    if (!before) throw new NotFoundError('role', name);
    const holders = (await repository.listUsers()).filter((user) =>
      (JSON.parse(user.roles_json) as string[]).includes(name),
    );
    if (holders.length > 0)
      throw new ConflictError(
        `role ${name} is held by ${holders.map((user) => user.username).join(', ')}; take it from them first`,
      );
    await repository.deleteRole(name);
    await audit.record(ctx, {
      action: 'role.delete',
      resource: 'role',
      resourceId: name,
      before: { description: before.description, permissions: parsePermissions(before.permissions_json) },
    });
  }

  /** A page of roles, filtered and sorted as asked: built-ins come from code, so the page is cut in memory. */
  async function listRolePage({ query }: { query: RoleListQuery }): Promise<Page<Role>> {
    const text = query.text?.toLowerCase();
    const builtin = query.builtin === undefined ? undefined : query.builtin === 'true';
    const roles = await listRoles();
    const selected = roles.filter(
      (role) =>
        (builtin === undefined || role.builtin === builtin) &&
        (query.permission === undefined || role.permissions.includes(query.permission)) &&
        (text === undefined ||
          role.name.toLowerCase().includes(text) ||
          role.description.toLowerCase().includes(text)),
    );
    const { field, direction } = parseSortParam(query.sort);
    const position = new Map(roles.map((role, index) => [role.name, role.builtin ? index : roles.length]));
    return pageOfItems(selected, {
      ...query,
      keysOf: (role) =>
        field === 'name' ? [role.name] : [position.get(role.name) ?? roles.length, role.name],
      directions: field === 'name' ? [direction] : [direction, direction],
    });
  }

  return { listRoles, listRolePage, permissionsOf, assertCanGrant, saveRole, deleteRole };
}

export type RoleService = ReturnType<typeof createRoleService>;
