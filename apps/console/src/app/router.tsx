import type { Permission } from '@ganzhi/contracts';
import type { ComponentType } from 'react';
import { createBrowserRouter, Navigate, type RouteObject } from 'react-router-dom';
import type { RouteHandle } from './route-handle';
import {
  AgentListPage,
  AuditLogPage,
  CapacityPage,
  CheckDetailPage,
  CheckFormPage,
  CheckListPage,
  DimensionsPage,
  HomeRedirect,
  IndicatorListPage,
  LocationListPage,
  LoginPage,
  NotFoundPage,
  QualityOverviewPage,
  RankingPage,
  RoleListPage,
  SecretListPage,
  ServiceDrillPage,
  SignedInFrame,
  TokenListPage,
  TransactionsPage,
  UserListPage,
} from './route-pages';

/**
 * A route the user needs `permission` to open; without it the signed-in frame shows the 403 page. The permission is
 * data (the route's handle), so checking it needs nothing the login page would have to load.
 */
function guarded(path: string, permission: Permission, Page: ComponentType): RouteObject {
  const handle: RouteHandle = { permission };
  return { path, handle, element: <Page /> };
}

/**
 * Every console route, each page loaded on first visit (see route-pages.tsx). The server answers unknown non-API
 * paths with index.html, so deep links work.
 */
export function createConsoleRouter(): ReturnType<typeof createBrowserRouter> {
  return createBrowserRouter([
    { path: '/login', element: <LoginPage /> },
    {
      path: '/',
      element: <SignedInFrame />,
      children: [
        { index: true, element: <HomeRedirect /> },
        guarded('quality', 'scores:read', QualityOverviewPage),
        guarded('quality/services/:business/:channel', 'scores:read', ServiceDrillPage),
        guarded('rankings', 'scores:read', RankingPage),
        guarded('indicators', 'indicators:read', IndicatorListPage),
        guarded('capacity', 'capacity:read', CapacityPage),
        guarded('transactions', 'transactions:read', TransactionsPage),
        guarded('dimensions', 'dimensions:read', DimensionsPage),
        guarded('checks', 'checks:read', CheckListPage),
        guarded('checks/new', 'checks:write', CheckFormPage),
        guarded('checks/:id', 'checks:read', CheckDetailPage),
        guarded('checks/:id/edit', 'checks:write', CheckFormPage),
        guarded('agents', 'agents:read', AgentListPage),
        guarded('locations', 'agents:read', LocationListPage),
        guarded('admin/users', 'users:read', UserListPage),
        guarded('admin/roles', 'users:read', RoleListPage),
        guarded('admin/tokens', 'tokens:manage', TokenListPage),
        guarded('admin/secrets', 'secrets:use', SecretListPage),
        guarded('admin/audit', 'audit:read', AuditLogPage),
        { path: 'admin', element: <Navigate to="/admin/users" replace /> },
        { path: '*', element: <NotFoundPage /> },
      ],
    },
  ]);
}
