import { Spin } from 'antd';
import { lazy, Suspense, type ComponentType, type ReactNode } from 'react';

/** Shown while a page's chunk downloads (once per page and session; the browser caches chunks for a year). */
function PageSpinner() {
  return <Spin size="large" className="page-spinner" data-testid="page-loading" />;
}

/**
 * A page loaded on first visit, in its own chunk. `load` imports the page's module **by path**, not through its
 * feature's index.ts: several indexes are also imported by the signed-in frame (auth, dimensions), and a module
 * that is imported statically anywhere is not split off. The page's own imports (echarts for pages that draw
 * charts, the antd components it uses) come with it.
 * @example lazyPage(() => import('../features/agents/components/agent-list-page'), 'AgentListPage')
 */
function lazyPage<Name extends string>(
  load: () => Promise<Record<Name, ComponentType>>,
  name: Name,
): () => ReactNode {
  const Page = lazy(async () => {
    const page: ComponentType = (await load())[name];
    return { default: page };
  });
  return function LazyPage() {
    return (
      <Suspense fallback={<PageSpinner />}>
        <Page />
      </Suspense>
    );
  };
}

// Every routed page, each its own chunk. bench/src/console-assets.ts measures the login and overview routes.
export const LoginPage = lazyPage(() => import('../features/auth/components/login-page'), 'LoginPage');
/** The signed-in frame (session guard, menu, header): in no chunk the login page loads. */
export const SignedInFrame = lazyPage(() => import('./signed-in-frame'), 'SignedInFrame');
export const HomeRedirect = lazyPage(() => import('./signed-in-frame'), 'HomeRedirect');
export const QualityOverviewPage = lazyPage(
  () => import('../features/quality/components/quality-overview-page'),
  'QualityOverviewPage',
);
export const ServiceDrillPage = lazyPage(
  () => import('../features/quality/components/service-drill-page'),
  'ServiceDrillPage',
);
export const RankingPage = lazyPage(
  () => import('../features/quality/components/ranking-page'),
  'RankingPage',
);
export const IndicatorListPage = lazyPage(
  () => import('../features/quality/components/indicator-list-page'),
  'IndicatorListPage',
);
export const CapacityPage = lazyPage(
  () => import('../features/capacity/components/capacity-page'),
  'CapacityPage',
);
export const TransactionsPage = lazyPage(
  () => import('../features/transactions/components/transactions-page'),
  'TransactionsPage',
);
export const DimensionsPage = lazyPage(
  () => import('../features/dimensions/components/dimensions-page'),
  'DimensionsPage',
);
export const CheckListPage = lazyPage(
  () => import('../features/checks/components/check-list-page'),
  'CheckListPage',
);
export const CheckFormPage = lazyPage(
  () => import('../features/checks/components/check-form-page'),
  'CheckFormPage',
);
export const CheckDetailPage = lazyPage(
  () => import('../features/checks/components/check-detail-page'),
  'CheckDetailPage',
);
export const AgentListPage = lazyPage(
  () => import('../features/agents/components/agent-list-page'),
  'AgentListPage',
);
export const LocationListPage = lazyPage(
  () => import('../features/locations/components/location-list-page'),
  'LocationListPage',
);
export const UserListPage = lazyPage(
  () => import('../features/admin/components/user-list-page'),
  'UserListPage',
);
export const RoleListPage = lazyPage(
  () => import('../features/admin/components/role-list-page'),
  'RoleListPage',
);
export const TokenListPage = lazyPage(
  () => import('../features/admin/components/token-list-page'),
  'TokenListPage',
);
export const SecretListPage = lazyPage(
  () => import('../features/admin/components/secret-list-page'),
  'SecretListPage',
);
export const AuditLogPage = lazyPage(
  () => import('../features/admin/components/audit-log-page'),
  'AuditLogPage',
);
export const NotFoundPage = lazyPage(() => import('./not-found-page'), 'NotFoundPage');
