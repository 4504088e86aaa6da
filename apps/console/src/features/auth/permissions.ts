import type { Permission, SessionUser } from '@ganzhi/contracts';

/** What the signed-in user may do, as the console uses it to hide what the server would refuse anyway. */
export interface Permissions {
  /** True when the user holds `permission`. Without a session nothing is allowed. */
  readonly can: (permission: Permission) => boolean;
  /** The region codes the user is bound to; empty for the whole province. */
  readonly regions: readonly string[];
  /** True for users bound to no region: the service model and other province-wide data are theirs to change. */
  readonly isProvinceWide: boolean;
}

/**
 * The permissions of a session user. A user the server sent without a permission list may do nothing: the console
 * would rather hide a button the server allows than show one it refuses.
 * @example permissionsOf(user).can('checks:write') // false for a viewer
 */
export function permissionsOf(user: SessionUser | undefined): Permissions {
  const held = new Set<Permission>(user?.permissions ?? []);
  const regions = user?.regions ?? [];
  return {
    can: (permission) => held.has(permission),
    regions,
    isProvinceWide: user !== undefined && regions.length === 0,
  };
}
