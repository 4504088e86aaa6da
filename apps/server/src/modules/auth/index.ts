// Auth: users, roles and permissions, sessions, scoped API tokens, login throttling; every request's actor.
export { createAuthService, ADMIN_USERNAME, DEFAULT_SESSION_SETTINGS } from './auth-service.js';
export type { AuthService, BootstrapResult, SessionSettings, ClientInfo } from './auth-service.js';
export { authRoutes } from './auth-routes.js';
export { userRoutes } from './user-routes.js';
export { SYSTEM_ACTOR, actorId, actorName, hasPermission, regionGrantOf } from './actor.js';
export type { Actor, RegionGrant } from './actor.js';
export { systemContext } from './request-context.js';
export type { RequestContext } from './request-context.js';
export { createOpaqueToken, hashOpaqueToken } from './opaque-token.js';
export { checkPasswordPolicy } from './password-policy.js';
