import type { TransactionGroupBy, TransactionSeries } from '@ganzhi/contracts';
import { Card, Table, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { colorOfSuccessRatio } from '../../../lib/failure-tier';
import { formatLatencyMs, formatRatioAsPercent } from '../../../lib/format-latency';
import { useI18n } from '../../../lib/i18n';
import { TIERS } from '../../checks';
import type { GroupNames } from '../charts/transaction-chart-options';
import { compareRowsBy, comparisonRowsOf, narrowingOf, type ComparisonRow } from '../comparison-rows';

export interface ComparisonTableProps {
  readonly series: TransactionSeries | undefined;
  readonly compare: TransactionGroupBy;
  readonly names: GroupNames;
  readonly isLoading: boolean;
  /** Narrows the view to one group (and stops comparing). */
  readonly onNarrow: (narrowing: { key: Exclude<TransactionGroupBy, 'none'>; code: string }) => void;
}

/** Every group side by side: volume, failures, percentiles and tier shares, sortable; a row click narrows to it. */
export function ComparisonTable({ series, compare, names, isLoading, onNarrow }: ComparisonTableProps) {
  const { t, locale } = useI18n();
  const percentColumn = (
    key: string,
    title: string,
    pick: (row: ComparisonRow) => number,
  ): ColumnsType<ComparisonRow>[number] => ({
    title,
    key,
    align: 'right',
    sorter: compareRowsBy(pick),
    render: (_, row) => formatRatioAsPercent(pick(row)),
  });
  const latencyColumn = (
    key: 'p50Ms' | 'p95Ms' | 'p99Ms',
    title: string,
  ): ColumnsType<ComparisonRow>[number] => ({
    title,
    key,
    align: 'right',
    sorter: compareRowsBy((row) => row[key]),
    render: (_, row) => formatLatencyMs(row[key]),
  });
  const columns: ColumnsType<ComparisonRow> = [
    {
      title: compare === 'none' ? t('transactions.group') : t(`transactions.compare.${compare}`),
      key: 'group',
      fixed: 'left',
      sorter: (a, b) => names.nameOf(a.key).localeCompare(names.nameOf(b.key), locale),
      render: (_, row) => names.nameOf(row.key),
    },
    {
      title: t('transactions.volume'),
      key: 'count',
      align: 'right',
      sorter: compareRowsBy((row) => row.count),
      defaultSortOrder: 'descend',
      render: (_, row) => row.count.toLocaleString(locale),
    },
    {
      title: t('transactions.failures'),
      key: 'failures',
      align: 'right',
      sorter: compareRowsBy((row) => row.failures),
      render: (_, row) => row.failures.toLocaleString(locale),
    },
    {
      title: t('transactions.failureRatio'),
      key: 'ratio',
      align: 'right',
      sorter: compareRowsBy((row) => row.failureRatio),
      render: (_, row) => (
        <Typography.Text style={{ color: colorOfSuccessRatio(1 - row.failureRatio) }}>
          {formatRatioAsPercent(row.failureRatio)}
        </Typography.Text>
      ),
    },
    latencyColumn('p50Ms', 'P50'),
    latencyColumn('p95Ms', 'P95'),
    latencyColumn('p99Ms', 'P99'),
    ...TIERS.map(({ tier, label }) => percentColumn(tier, t(label), (row) => row.tierShares[tier])),
  ];
  return (
    <Card
      size="small"
      className="section-card"
      title={t('transactions.comparison')}
      extra={
        compare === 'none' ? null : (
          <Typography.Text type="secondary">{t('transactions.rowHint')}</Typography.Text>
        )
      }
    >
      <Table<ComparisonRow>
        size="small"
        rowKey="key"
        dataSource={comparisonRowsOf(series)}
        loading={isLoading}
        columns={columns}
        scroll={{ x: 'max-content' }}
        pagination={{ pageSize: 20, hideOnSinglePage: true }}
        data-testid="transactions-table"
        onRow={(row) => {
          const narrowing = narrowingOf(row, compare);
          return {
            onClick: narrowing ? () => onNarrow(narrowing) : undefined,
            style: narrowing ? { cursor: 'pointer' } : undefined,
          };
        }}
      />
    </Card>
  );
}
