import { App as AntApp } from 'antd';
import { Navigate, Outlet, useMatches } from 'react-router-dom';
import { ForbiddenResult, RequirePermission, RequireSession, usePermissions } from '../features/auth';
import { useI18n } from '../lib/i18n';
import { setDayjsLocale } from '../lib/i18n/dayjs-locale';
import { AppLayout } from './app-layout';
import { homePathOf } from './menu-items';
import { requiredPermission } from './route-handle';

// Everything a signed-in page needs around it, in one chunk the login page never loads.

/**
 * The session guard around the menu and header; without a session, the user goes to /login and back. antd's `App`
 * (message, modal and notification hooks for the pages) is here rather than around the router, so the login page
 * loads none of it. dayjs follows the console's language from here on: the login page shows no date.
 */
export function SignedInFrame() {
  // dayjs keeps its locale globally; setting it during render keeps antd's date texts in step on the same render.
  setDayjsLocale(useI18n().locale);
  return (
    <AntApp>
      <RequireSession>
        <AppLayout>
          <PermittedOutlet />
        </AppLayout>
      </RequireSession>
    </AntApp>
  );
}

/** `/` (where sign-in leads unless the user was on their way elsewhere) opens the home page: the overview. */
export function HomeRedirect() {
  const { can } = usePermissions();
  const home = homePathOf(can);
  return home === null ? <ForbiddenResult /> : <Navigate to={home} replace />;
}

/** The matched page, or the 403 page when its route's `handle` asks for a permission the user lacks. */
function PermittedOutlet() {
  const permission = requiredPermission(useMatches());
  if (permission === null) return <Outlet />;
  return (
    <RequirePermission permission={permission}>
      <Outlet />
    </RequirePermission>
  );
}
