import { createBrowserRouter, Navigate } from 'react-router-dom';
import { AgentListPage } from '../features/agents';
import { LoginPage, RequireSession } from '../features/auth';
import { CapacityPage } from '../features/capacity';
import { CheckDetailPage, CheckFormPage, CheckListPage } from '../features/checks';
import { DimensionsPage } from '../features/dimensions';
import { LocationListPage } from '../features/locations';
import { TransactionsPage } from '../features/transactions';
import { IndicatorListPage, QualityOverviewPage, RankingPage, ServiceDrillPage } from '../features/quality';
import { AppLayout } from './app-layout';
import { NotFoundPage } from './not-found-page';

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
        { index: true, element: <Navigate to="/quality" replace /> },
        { path: 'quality', element: <QualityOverviewPage /> },
        { path: 'quality/services/:business/:channel', element: <ServiceDrillPage /> },
        { path: 'rankings', element: <RankingPage /> },
        { path: 'indicators', element: <IndicatorListPage /> },
        { path: 'capacity', element: <CapacityPage /> },
        { path: 'transactions', element: <TransactionsPage /> },
        { path: 'dimensions', element: <DimensionsPage /> },
        { path: 'checks', element: <CheckListPage /> },
        { path: 'checks/new', element: <CheckFormPage /> },
        { path: 'checks/:id', element: <CheckDetailPage /> },
        { path: 'checks/:id/edit', element: <CheckFormPage /> },
        { path: 'agents', element: <AgentListPage /> },
        { path: 'locations', element: <LocationListPage /> },
        { path: '*', element: <NotFoundPage /> },
      ],
    },
  ]);
}
