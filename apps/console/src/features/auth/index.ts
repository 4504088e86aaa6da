// Auth feature: the login page, the session guard and the session hooks (cookie sessions from /api/v1/auth).
export { LoginPage } from './components/login-page';
export { RequireSession } from './components/require-session';
export { useLogout, useSession } from './api/auth-api';
