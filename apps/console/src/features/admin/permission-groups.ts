import { PERMISSIONS, type Permission } from '@ganzhi/contracts';

/** The resource of a permission: `checks` of `checks:write`. */
export type PermissionResource = Permission extends `${infer Resource}:${string}` ? Resource : never;
/** The verb of a permission: `write` of `checks:write`. */
export type PermissionVerb = Permission extends `${string}:${infer Verb}` ? Verb : never;

/** The permissions of one resource, in the server's order. */
export interface PermissionGroup {
  readonly resource: PermissionResource;
  readonly permissions: readonly Permission[];
}

export function resourceOf(permission: Permission): PermissionResource {
  return permission.slice(0, permission.indexOf(':')) as PermissionResource;
}

export function verbOf(permission: Permission): PermissionVerb {
  return permission.slice(permission.indexOf(':') + 1) as PermissionVerb;
}

/**
 * Permissions grouped by resource, resources in the order the server lists them; only those in `within` (every
 * permission by default), so a token's scopes can be offered from its creator's own permissions.
 * @example groupPermissions(['checks:read', 'checks:write', 'users:read']) // [{ checks: [read, write] }, { users: [read] }]
 */
export function groupPermissions(within: readonly Permission[] = PERMISSIONS): PermissionGroup[] {
  const allowed = new Set(within);
  const groups = new Map<PermissionResource, Permission[]>();
  for (const permission of PERMISSIONS) {
    if (!allowed.has(permission)) continue;
    const resource = resourceOf(permission);
    groups.set(resource, [...(groups.get(resource) ?? []), permission]);
  }
  return [...groups].map(([resource, permissions]) => ({ resource, permissions }));
}

/** The permissions of a list in the server's order, unknown names dropped: what a set of checkboxes submits. */
export function orderedPermissions(selected: readonly Permission[]): Permission[] {
  const chosen = new Set(selected);
  return PERMISSIONS.filter((permission) => chosen.has(permission));
}
