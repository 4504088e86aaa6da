// Auth: the local admin, password login with session cookies, and hashed bearer API tokens; every request's actor.
export { createAuthService, ADMIN_USERNAME } from './auth-service.js';
export type { AuthService, BootstrapResult } from './auth-service.js';
export { authRoutes } from './auth-routes.js';
export { SYSTEM_ACTOR } from './actor.js';
export type { Actor } from './actor.js';
export { createOpaqueToken, hashOpaqueToken } from './opaque-token.js';
