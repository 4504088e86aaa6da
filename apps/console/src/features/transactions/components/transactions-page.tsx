import { Button, Card, Empty, Typography } from 'antd';
import { useSearchParams } from 'react-router-dom';
import { LoadError } from '../../../components/load-error';
import { PageHeader } from '../../../components/page-header';
import { useI18n } from '../../../lib/i18n';
import { nameOfCode, useDimensions } from '../../dimensions';
import { exportCsvUrl, useTransactionSeries } from '../api/transaction-api';
import type { GroupNames } from '../charts/transaction-chart-options';
import { hasFilters, searchFromState, stateFromSearch, type ExplorerState } from '../explorer-state';
import { ComparisonTable } from './comparison-table';
import { ExplorerFilters } from './explorer-filters';
import { ExplorerToolbar } from './explorer-toolbar';
import { SummaryCards } from './summary-cards';
import { TransactionCharts } from './transaction-charts';

/** Passive transactions by channel, business, city and segment: volume, failures, latency and tiers over time. */
export function TransactionsPage() {
  const { t, locale } = useI18n();
  const [params, setParams] = useSearchParams();
  const state = stateFromSearch(params);
  const dimensions = useDimensions();
  const regions = dimensions.data?.regions;
  const series = useTransactionSeries(state, regions);
  const update = (next: Partial<ExplorerState>) => setParams(searchFromState({ ...state, ...next }));

  const shown = series.data;
  // Names follow the grouping of the data shown, which lags the state while a new answer is on its way.
  const compared = shown?.groupBy ?? state.compare;
  const names: GroupNames = {
    nameOf: (key) => {
      if (compared === 'none') return t('transactions.all');
      // Transactions without the compared dimension (no segment given) form a group of their own.
      if (key === '—') return t('transactions.noGroup');
      return nameOfCode(dimensions.data, { kind: compared, code: key, locale });
    },
  };
  // The file holds exactly the window the page shows (a preset range moves on with each refresh).
  const exportHref = shown
    ? exportCsvUrl(state, {
        window: { from: shown.from, to: shown.to, resolution: shown.resolution },
        regions,
      })
    : null;
  const isEmpty = shown !== undefined && shown.totals.count === 0;
  const clearFilters = () => update({ channel: [], business: [], region: [], segment: [] });

  return (
    <>
      <PageHeader
        title={t('transactions.title')}
        subTitle={t('transactions.subtitle')}
        extra={<ExplorerToolbar state={state} onChange={update} exportHref={exportHref} />}
      />
      <ExplorerFilters state={state} onChange={update} dimensions={dimensions.data} />
      {series.error && <LoadError error={series.error} onRetry={() => void series.refetch()} />}
      <SummaryCards totals={shown?.totals} isLoading={series.isPending} />
      {isEmpty ? (
        <Card className="section-card" data-testid="transactions-empty">
          <Empty
            description={
              <>
                <Typography.Title level={5}>{t('transactions.emptyTitle')}</Typography.Title>
                <Typography.Paragraph type="secondary" style={{ maxWidth: 640, margin: '0 auto' }}>
                  {t('transactions.emptyHint')}
                </Typography.Paragraph>
              </>
            }
          >
            {hasFilters(state) && <Button onClick={clearFilters}>{t('transactions.filter.clear')}</Button>}
          </Empty>
        </Card>
      ) : (
        <>
          <TransactionCharts series={shown} names={names} isLoading={series.isPending} />
          <ComparisonTable
            series={shown}
            compare={compared}
            names={names}
            isLoading={series.isPending || series.isPlaceholderData}
            onNarrow={({ key, code }) => update({ [key]: [code], compare: 'none' })}
          />
        </>
      )}
    </>
  );
}
