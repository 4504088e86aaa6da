// Audit: the append-only log of state changes, refusals and logins (who, when, what, before/after, where from).
export { createAuditService, DEFAULT_AUDIT_RETENTION_DAYS } from './audit-service.js';
export type { AuditService, AuditEntry } from './audit-service.js';
export { auditRoutes } from './audit-routes.js';
export { diffForAudit } from './audit-changes.js';
