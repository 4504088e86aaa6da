// Administration feature: users, roles, API tokens, probe secrets and the audit log (/admin/*), each shown only to
// who may see it.
export { UserListPage } from './components/user-list-page';
export { RoleListPage } from './components/role-list-page';
export { TokenListPage } from './components/token-list-page';
export { SecretListPage } from './components/secret-list-page';
export { AuditLogPage } from './components/audit-log-page';
