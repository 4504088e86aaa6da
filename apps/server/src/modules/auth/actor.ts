import type { Permission } from '@ganzhi/contracts';

/** What a user or token may reach: every region (`null`) or the named region codes and everything below them. */
export type RegionGrant = readonly string[] | null;

/**
 * Who is calling. Every authenticated request resolves to one actor; authorisation and audit decide on it in one
 * place. Users and tokens carry their effective permissions and region grant; agents only their own identity.
 */
export type Actor =
  | {
      readonly kind: 'user';
      readonly userId: string;
      readonly username: string;
      readonly permissions: ReadonlySet<Permission>;
      readonly regions: RegionGrant;
    }
  | {
      readonly kind: 'token';
      readonly tokenId: string;
      readonly userId: string;
      readonly username: string;
      readonly permissions: ReadonlySet<Permission>;
      readonly regions: RegionGrant;
    }
  | { readonly kind: 'agent'; readonly agentId: string; readonly name: string; readonly location: string }
  | { readonly kind: 'system'; readonly name: string };

export const SYSTEM_ACTOR: Actor = { kind: 'system', name: 'ganzhi' };

/** The name shown in audit entries and logs. */
export function actorName(actor: Actor): string {
  return actor.kind === 'agent' || actor.kind === 'system' ? actor.name : actor.username;
}

/** The stable id of the actor (user id for users and tokens' owners are recorded separately). */
export function actorId(actor: Actor): string {
  if (actor.kind === 'user') return actor.userId;
  if (actor.kind === 'token') return actor.tokenId;
  if (actor.kind === 'agent') return actor.agentId;
  return actor.name;
}

/** The system acts with every right; agents with none of the users' permissions. */
export function hasPermission(actor: Actor, permission: Permission): boolean {
  if (actor.kind === 'system') return true;
  if (actor.kind === 'agent') return false;
  return actor.permissions.has(permission);
}

/** The region grant of an actor: the system sees everything; agents are not scoped by region here. */
export function regionGrantOf(actor: Actor): RegionGrant {
  return actor.kind === 'user' || actor.kind === 'token' ? actor.regions : null;
}
