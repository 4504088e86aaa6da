// Auth feature: the login page, the session guard, the session hooks (cookie sessions from /api/v1/auth), what the
// signed-in user may do (permissions, region scope), changing one's own password and enrolling a second factor.
export { LoginPage } from './components/login-page';
export { RequireSession } from './components/require-session';
export { ForbiddenResult, RequirePermission } from './components/require-permission';
export { ChangePasswordModal } from './components/change-password-modal';
export { TotpEnrolModal } from './components/totp-enrol-modal';
export { RequireSecondFactor } from './components/require-second-factor';
export { useLogout, useSession } from './api/auth-api';
export { usePermissions } from './use-permissions';
export { permissionsOf, type Permissions } from './permissions';
