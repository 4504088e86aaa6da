// Administration feature: users, roles, API tokens and the audit log (/admin/*), each shown only to who may see it.
export { UserListPage } from './components/user-list-page';
export { RoleListPage } from './components/role-list-page';
export { TokenListPage } from './components/token-list-page';
export { AuditLogPage } from './components/audit-log-page';
