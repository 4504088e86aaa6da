import { PERMISSIONS, type Permission } from '@ganzhi/contracts';

/** What a route declares in its `handle`: the permission needed to open it. */
export interface RouteHandle {
  readonly permission: Permission;
}

/** The handle of one matched route, as `useMatches()` gives it (React Router types it `unknown`). */
interface MatchedRoute {
  readonly handle: unknown;
}

/**
 * The permission the deepest matched route asks for, or null when none does (the home redirect, 404).
 * @example requiredPermission(useMatches()) // 'checks:read' on /checks/abc
 */
export function requiredPermission(matches: readonly MatchedRoute[]): Permission | null {
  for (const match of [...matches].reverse()) {
    if (isRouteHandle(match.handle)) return match.handle.permission;
  }
  return null;
}

function isRouteHandle(handle: unknown): handle is RouteHandle {
  if (typeof handle !== 'object' || handle === null || !('permission' in handle)) return false;
  const { permission } = handle;
  return typeof permission === 'string' && (PERMISSIONS as readonly string[]).includes(permission);
}
