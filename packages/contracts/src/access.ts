import { z } from 'zod';
import { pageOf, pageQuerySchema } from './pagination.js';
import { safeText } from './safe-text.js';

/**
 * Every permission the server knows, named `resource:verb`. Routes declare one of these (or `public`,
 * `authenticated`, `agent`); roles are sets of them. Adding a permission = a line here and a route that needs it.
 */
export const PERMISSIONS = [
  'checks:read',
  'checks:write',
  'checks:run',
  'agents:read',
  'agents:manage',
  'dimensions:read',
  'dimensions:write',
  'indicators:read',
  'indicators:write',
  'measurements:write',
  'scores:read',
  'scores:evaluate',
  'baselines:read',
  'baselines:write',
  'transactions:read',
  'ingest:write',
  'capacity:read',
  'capacity:write',
  'resources:read',
  'resources:write',
  'events:read',
  'tokens:manage',
  'users:read',
  'users:manage',
  'roles:manage',
  'audit:read',
  'secrets:use',
  'secrets:manage',
  'reports:run',
  'complaints:intake',
  'complaints:read',
  'workorders:read',
  'workorders:handle',
] as const;
export const permissionSchema = z.enum(PERMISSIONS);
export type Permission = z.infer<typeof permissionSchema>;

const READ_EVERYTHING: readonly Permission[] = PERMISSIONS.filter(
  (permission) => permission.endsWith(':read') && permission !== 'audit:read' && permission !== 'users:read',
);

/** The roles every installation starts with; custom roles are added beside them. Built-ins cannot be edited. */
export const BUILTIN_ROLES: Readonly<
  Record<string, { description: string; permissions: readonly Permission[] }>
> = {
  admin: { description: 'Everything, including users, roles and the audit log', permissions: PERMISSIONS },
  operator: {
    description: 'Checks, agents, the service model and indicators',
    permissions: [
      ...READ_EVERYTHING,
      'checks:write',
      'checks:run',
      'agents:manage',
      'dimensions:write',
      'indicators:write',
      'baselines:write',
      'capacity:write',
      'resources:write',
      'measurements:write',
      'ingest:write',
      'scores:evaluate',
      'tokens:manage',
      'secrets:use',
    ],
  },
  analyst: {
    description: 'Reads everything and runs reports',
    permissions: [...READ_EVERYTHING, 'reports:run', 'scores:evaluate'],
  },
  cs_agent: {
    description: 'Customer-service agent: complaint intake and KQI status lookups, read-only elsewhere',
    permissions: [...READ_EVERYTHING, 'complaints:intake'],
  },
  dept_handler: {
    description: 'Department handler: the work orders of their departments',
    permissions: [...READ_EVERYTHING, 'workorders:handle'],
  },
  viewer: { description: 'Reads dashboards, checks and scores', permissions: READ_EVERYTHING },
};

/**
 * What a route requires: a permission, any signed-in user or token (`authenticated`), a signed-in user and not a
 * token (`user`: one's own password and second factor), an agent credential, or nothing.
 */
export type RouteAccess = Permission | 'authenticated' | 'user' | 'agent' | 'public';

export const roleNameSchema = z
  .string()
  .regex(
    /^[a-z][a-z0-9_]{1,39}$/,
    'lower-case letters, digits and _, 2–40 characters, starting with a letter',
  );

/** Region codes a user or token is bound to; empty = the whole province. */
export const regionScopeSchema = z.array(z.string().min(1).max(64)).max(50);

export const roleSchema = z.object({
  name: z.string(),
  description: z.string(),
  permissions: z.array(permissionSchema),
  builtin: z.boolean(),
});
export type Role = z.infer<typeof roleSchema>;

export const ROLE_SORT_FIELDS = ['builtin', 'name'] as const;
export type RoleSortField = (typeof ROLE_SORT_FIELDS)[number];

/**
 * `GET /roles`: the built-in roles first in their fixed order (widest rights first), then custom ones by name
 * (`builtin:asc`), or by name; filtered by part of the name or description (`text`), `builtin` and a `permission`
 * the role holds.
 */
export const roleListQuerySchema = pageQuerySchema({
  fields: ROLE_SORT_FIELDS,
  fallback: 'builtin:asc',
}).extend({
  text: safeText().trim().min(1).max(200).optional(),
  builtin: z.enum(['true', 'false']).optional(),
  permission: permissionSchema.optional(),
});
export type RoleListQuery = z.infer<typeof roleListQuerySchema>;
/** A page of roles, and every permission there is (for role editors). */
export const rolePageSchema = pageOf(roleSchema).extend({ permissions: z.array(z.string()) });
export type RolePage = z.infer<typeof rolePageSchema>;

export const roleInputSchema = z.strictObject({
  name: roleNameSchema,
  description: z.string().trim().max(200).default(''),
  permissions: z.array(permissionSchema).min(1).max(PERMISSIONS.length),
});
export type RoleInput = z.infer<typeof roleInputSchema>;

const usernameSchema = z
  .string()
  .regex(/^[A-Za-z0-9][A-Za-z0-9._@-]{1,63}$/, 'letters, digits and . _ @ -, 2–64 characters');

export const userDetailSchema = z.object({
  id: z.string(),
  username: z.string(),
  displayName: z.string(),
  email: z.string(),
  roles: z.array(z.string()),
  regions: regionScopeSchema,
  disabled: z.boolean(),
  totpEnabled: z.boolean(),
  createdAt: z.string(),
  lastLoginAt: z.string().nullable(),
});
export type UserDetail = z.infer<typeof userDetailSchema>;

export const USER_SORT_FIELDS = ['username', 'displayName', 'createdAt', 'lastLoginAt'] as const;
export type UserSortField = (typeof USER_SORT_FIELDS)[number];

/**
 * `GET /users`: by username unless sorted otherwise (never signed in: last both ways), filtered by part of the
 * username, display name or e-mail (`text`), `status` and `role`.
 */
export const userListQuerySchema = pageQuerySchema({
  fields: USER_SORT_FIELDS,
  fallback: 'username:asc',
}).extend({
  text: safeText().trim().min(1).max(200).optional(),
  status: z.enum(['enabled', 'disabled']).optional(),
  role: roleNameSchema.optional(),
});
export type UserListQuery = z.infer<typeof userListQuerySchema>;
export type UserListQueryInput = z.input<typeof userListQuerySchema>;
export const userPageSchema = pageOf(userDetailSchema);
export type UserPage = z.infer<typeof userPageSchema>;

const userFields = {
  displayName: z.string().trim().max(100).default(''),
  email: z.union([z.literal(''), z.email().max(200)]).default(''),
  roles: z.array(roleNameSchema).min(1).max(10),
  regions: regionScopeSchema.default([]),
};

export const userCreateSchema = z.strictObject({
  username: usernameSchema,
  password: z.string().max(500),
  ...userFields,
});
export type UserCreate = z.infer<typeof userCreateSchema>;

export const userUpdateSchema = z.strictObject({
  displayName: userFields.displayName.optional(),
  email: z.union([z.literal(''), z.email().max(200)]).optional(),
  roles: userFields.roles.optional(),
  regions: regionScopeSchema.optional(),
  disabled: z.boolean().optional(),
});
export type UserUpdate = z.infer<typeof userUpdateSchema>;

/** Users as code (`ganzhi apply`): role bindings and scope, never passwords (set them in the console or API). */
export const userApplySchema = z.strictObject({
  username: usernameSchema,
  ...userFields,
  disabled: z.boolean().default(false),
});
export type UserApply = z.infer<typeof userApplySchema>;

export const passwordResetSchema = z.strictObject({ password: z.string().max(500) });
export const passwordChangeSchema = z.strictObject({
  currentPassword: z.string().max(500),
  newPassword: z.string().max(500),
});
export type PasswordChange = z.infer<typeof passwordChangeSchema>;

/** The signed-in actor as the console sees it: enough to hide what the user may not do. */
export const sessionUserSchema = z.object({
  id: z.string(),
  username: z.string(),
  displayName: z.string().optional(),
  roles: z.array(z.string()).optional(),
  permissions: z.array(permissionSchema).optional(),
  regions: regionScopeSchema.optional(),
  totpEnabled: z.boolean().optional(),
  /** The user must enrol a second factor before anything else (admins when `GANZHI_REQUIRE_2FA=1`). */
  totpRequired: z.boolean().optional(),
});
export type SessionUser = z.infer<typeof sessionUserSchema>;

export const tokenDetailSchema = z.object({
  id: z.string(),
  name: z.string(),
  owner: z.string(),
  scopes: z.array(permissionSchema),
  regions: regionScopeSchema,
  createdAt: z.string(),
  expiresAt: z.string().nullable(),
  lastUsedAt: z.string().nullable(),
  lastUsedAddress: z.string().nullable(),
  revokedAt: z.string().nullable(),
});
export type TokenDetail = z.infer<typeof tokenDetailSchema>;

export const TOKEN_SORT_FIELDS = ['createdAt', 'name', 'lastUsedAt'] as const;
export type TokenSortField = (typeof TOKEN_SORT_FIELDS)[number];

/**
 * `GET /tokens`: newest first unless sorted otherwise (never used: last both ways), filtered by part of the name or
 * the owner's username (`text`) and `status` (`active`: neither revoked nor expired).
 */
export const tokenListQuerySchema = pageQuerySchema({
  fields: TOKEN_SORT_FIELDS,
  fallback: 'createdAt:desc',
}).extend({
  text: safeText().trim().min(1).max(200).optional(),
  status: z.enum(['active', 'expired', 'revoked']).optional(),
});
export type TokenListQuery = z.infer<typeof tokenListQuerySchema>;
export const tokenPageSchema = pageOf(tokenDetailSchema);
export type TokenPage = z.infer<typeof tokenPageSchema>;

export const auditEventSchema = z.object({
  id: z.string(),
  at: z.string(),
  actorKind: z.string(),
  actor: z.string(),
  action: z.string(),
  resource: z.string(),
  resourceId: z.string().nullable(),
  outcome: z.enum(['ok', 'denied', 'failed']),
  /** Changed fields: `{ field: [before, after] }`, secrets masked. */
  changes: z.record(z.string(), z.tuple([z.unknown(), z.unknown()])).nullable(),
  requestId: z.string().nullable(),
  clientAddress: z.string().nullable(),
  detail: z.string().nullable(),
});
export type AuditEvent = z.infer<typeof auditEventSchema>;

/** `GET /audit-events`: the shared list contract (newest first by default), filtered by who, what and when. */
export const auditQuerySchema = pageQuerySchema({
  fields: ['at'],
  fallback: 'at:desc',
  limit: { fallback: 200, max: 1000 },
}).extend({
  actor: z.string().max(100).optional(),
  resource: z.string().max(100).optional(),
  outcome: z.enum(['ok', 'denied', 'failed']).optional(),
  from: z.iso.datetime({ offset: true }).optional(),
  to: z.iso.datetime({ offset: true }).optional(),
});
export type AuditQuery = z.infer<typeof auditQuerySchema>;

export const auditPageSchema = pageOf(auditEventSchema);
export type AuditPage = z.infer<typeof auditPageSchema>;

/** A probe secret's name as `{{secrets.NAME}}` uses it (the same names as `GANZHI_SECRET_<NAME>`). */
export const secretNameSchema = z
  .string()
  .regex(/^[A-Z][A-Z0-9_]{0,63}$/, 'upper-case letters, digits and _, starting with a letter');

export const storedSecretSchema = z.object({
  name: z.string(),
  description: z.string(),
  /** Where the value comes from: stored in the product, or the environment of the server's built-in agent. */
  source: z.enum(['stored', 'environment']),
  updatedAt: z.string().nullable(),
  updatedBy: z.string().nullable(),
});
export type StoredSecret = z.infer<typeof storedSecretSchema>;

export const SECRET_SORT_FIELDS = ['name', 'updatedAt'] as const;
export type SecretSortField = (typeof SECRET_SORT_FIELDS)[number];

/**
 * `GET /secrets`: by name unless sorted by `updatedAt` (environment ones, never updated here, last both ways),
 * filtered by part of the name or description (`text`) and `source`.
 */
export const secretListQuerySchema = pageQuerySchema({
  fields: SECRET_SORT_FIELDS,
  fallback: 'name:asc',
}).extend({
  text: safeText().trim().min(1).max(200).optional(),
  source: z.enum(['stored', 'environment']).optional(),
});
export type SecretListQuery = z.infer<typeof secretListQuerySchema>;
export const secretPageSchema = pageOf(storedSecretSchema);
export type SecretPage = z.infer<typeof secretPageSchema>;

/** A secret's value goes in, never out. */
export const storedSecretInputSchema = z.strictObject({
  value: z.string().min(1).max(8192),
  description: z.string().trim().max(200).default(''),
});
export type StoredSecretInput = z.infer<typeof storedSecretInputSchema>;
