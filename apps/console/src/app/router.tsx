import type { Permission } from '@ganzhi/contracts';
import type { ReactNode } from 'react';
import { createBrowserRouter, Navigate } from 'react-router-dom';
import { AuditLogPage, RoleListPage, SecretListPage, TokenListPage, UserListPage } from '../features/admin';
import { AgentListPage } from '../features/agents';
import {
  ForbiddenResult,
  LoginPage,
  RequirePermission,
  RequireSession,
  usePermissions,
} from '../features/auth';
import { CapacityPage } from '../features/capacity';
import { CheckDetailPage, CheckFormPage, CheckListPage } from '../features/checks';
import { DimensionsPage } from '../features/dimensions';
import { LocationListPage } from '../features/locations';
import { TransactionsPage } from '../features/transactions';
import { IndicatorListPage, QualityOverviewPage, RankingPage, ServiceDrillPage } from '../features/quality';
import { AppLayout } from './app-layout';
import { homePathOf } from './menu-items';
import { NotFoundPage } from './not-found-page';

/** `/` leads to the first page of the menu the user can read. */
function HomeRedirect() {
  const { can } = usePermissions();
  const home = homePathOf(can);
  return home === null ? <ForbiddenResult /> : <Navigate to={home} replace />;
}

/** A route the user needs `permission` to open; without it they see the 403 page. */
function guarded(path: string, permission: Permission, element: ReactNode) {
  return { path, element: <RequirePermission permission={permission}>{element}</RequirePermission> };
}

/** Every console route. The server answers unknown non-API paths with index.html, so deep links work. */
export function createConsoleRouter(): ReturnType<typeof createBrowserRouter> {
  return createBrowserRouter([
    { path: '/login', element: <LoginPage /> },
    {
      path: '/',
      element: (
        <RequireSession>
          <AppLayout />
        </RequireSession>
      ),
      children: [
        { index: true, element: <HomeRedirect /> },
        guarded('quality', 'scores:read', <QualityOverviewPage />),
        guarded('quality/services/:business/:channel', 'scores:read', <ServiceDrillPage />),
        guarded('rankings', 'scores:read', <RankingPage />),
        guarded('indicators', 'indicators:read', <IndicatorListPage />),
        guarded('capacity', 'capacity:read', <CapacityPage />),
        guarded('transactions', 'transactions:read', <TransactionsPage />),
        guarded('dimensions', 'dimensions:read', <DimensionsPage />),
        guarded('checks', 'checks:read', <CheckListPage />),
        guarded('checks/new', 'checks:write', <CheckFormPage />),
        guarded('checks/:id', 'checks:read', <CheckDetailPage />),
        guarded('checks/:id/edit', 'checks:write', <CheckFormPage />),
        guarded('agents', 'agents:read', <AgentListPage />),
        guarded('locations', 'agents:read', <LocationListPage />),
        guarded('admin/users', 'users:read', <UserListPage />),
        guarded('admin/roles', 'users:read', <RoleListPage />),
        guarded('admin/tokens', 'tokens:manage', <TokenListPage />),
        guarded('admin/secrets', 'secrets:use', <SecretListPage />),
        guarded('admin/audit', 'audit:read', <AuditLogPage />),
        { path: 'admin', element: <Navigate to="/admin/users" replace /> },
        { path: '*', element: <NotFoundPage /> },
      ],
    },
  ]);
}
