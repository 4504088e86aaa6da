import type { TransactionGroup, TransactionGroupBy } from '@ganzhi/contracts';
import { DownloadOutlined } from '@ant-design/icons';
import {
  Button,
  Card,
  Col,
  Empty,
  Row,
  Segmented,
  Select,
  Space,
  Statistic,
  Switch,
  Table,
  Typography,
} from 'antd';
import { useMemo } from 'react';
import { useSearchParams } from 'react-router-dom';
import { ChartPanel } from '../../../components/chart-panel';
import { LoadError } from '../../../components/load-error';
import { PageHeader } from '../../../components/page-header';
import { colorOfSuccessRatio } from '../../../lib/failure-tier';
import { formatLatencyMs, formatRatioAsPercent } from '../../../lib/format-latency';
import { useI18n } from '../../../lib/i18n';
import { TIME_RANGES } from '../../checks';
import { dimensionOptions, nameOfCode, useDimensions } from '../../dimensions';
import { exportCsvUrl, useTransactionSeries } from '../api/transaction-api';
import {
  buildFailureOption,
  buildLatencyOption,
  buildTierOption,
  buildVolumeOption,
} from '../charts/transaction-chart-options';
import {
  FILTER_KEYS,
  apiParamsOf,
  searchFromState,
  stateFromSearch,
  type ExplorerState,
} from '../explorer-state';

const COMPARE: readonly TransactionGroupBy[] = ['none', 'channel', 'business', 'region', 'segment'];

/** Passive transactions by channel, business, city and segment: volume, failures, latency and tiers over time. */
export function TransactionsPage() {
  const { t, locale } = useI18n();
  const [params, setParams] = useSearchParams();
  const state = stateFromSearch(params);
  const live = params.get('live') !== '0';
  const dimensions = useDimensions();
  // The window ends when the state changes (or the page refreshes), so the query key is stable between renders.
  const search = params.toString();
  const query = useMemo(
    () => apiParamsOf(stateFromSearch(new URLSearchParams(search)), Date.now()).toString(),
    [search],
  );
  const series = useTransactionSeries(query, live);
  const update = (next: Partial<ExplorerState>) => {
    const search = searchFromState({ ...state, ...next });
    if (!live) search.set('live', '0');
    setParams(search);
  };
  const groupName = (key: string) =>
    state.compare === 'none'
      ? t('transactions.all')
      : nameOfCode(dimensions.data, { kind: state.compare, code: key, locale });
  const names = { nameOf: groupName };
  const totals = series.data?.totals;
  const failureRatio = totals && totals.count > 0 ? totals.failures / totals.count : null;
  const fastShare = totals && totals.count > 0 ? totals.tiers.fast / totals.count : null;
  const empty = series.data !== undefined && series.data.totals.count === 0;

  return (
    <>
      <PageHeader
        title={t('transactions.title')}
        subTitle={t('transactions.subtitle')}
        extra={
          <Space wrap>
            <Segmented
              value={state.range}
              onChange={(value) => update({ range: value })}
              options={TIME_RANGES.map((value) => ({ value, label: value }))}
            />
            <Space size={4}>
              <Switch
                size="small"
                checked={live}
                onChange={(checked) => {
                  const search = searchFromState(state);
                  if (!checked) search.set('live', '0');
                  setParams(search);
                }}
              />
              <Typography.Text type="secondary">{t('transactions.live')}</Typography.Text>
            </Space>
            <Button
              icon={<DownloadOutlined />}
              href={exportCsvUrl(query)}
              download
              data-testid="transactions-export"
            >
              {t('transactions.export')}
            </Button>
          </Space>
        }
      />
      <Card size="small" className="section-card">
        <Space wrap>
          {FILTER_KEYS.map((key) => (
            <Select
              key={key}
              mode="multiple"
              allowClear
              maxTagCount="responsive"
              style={{ minWidth: 170, maxWidth: 280 }}
              placeholder={t(`transactions.filter.${key}`)}
              value={[...state[key]]}
              onChange={(values: string[]) => update({ [key]: values })}
              options={dimensionOptions(dimensions.data, key, locale).map((option) => ({
                value: option.value,
                label: `${'\u3000'.repeat(option.depth)}${option.label}`,
              }))}
              data-testid={`transactions-filter-${key}`}
            />
          ))}
          <Typography.Text type="secondary">{t('transactions.compareBy')}</Typography.Text>
          <Segmented
            value={state.compare}
            onChange={(value) => update({ compare: value })}
            options={COMPARE.map((value) => ({ value, label: t(`transactions.compare.${value}`) }))}
            data-testid="transactions-compare"
          />
        </Space>
      </Card>
      {series.error && <LoadError error={series.error} onRetry={() => void series.refetch()} />}
      <Row gutter={[16, 16]} className="section-card">
        {[
          {
            key: 'volume',
            title: t('transactions.volume'),
            value: totals?.count.toLocaleString(locale) ?? '—',
          },
          {
            key: 'failure',
            title: t('transactions.failureRatio'),
            value: formatRatioAsPercent(failureRatio),
            color: failureRatio === null ? undefined : colorOfSuccessRatio(1 - failureRatio),
          },
          { key: 'p50', title: 'P50', value: formatLatencyMs(totals?.p50Ms) },
          { key: 'p95', title: 'P95', value: formatLatencyMs(totals?.p95Ms) },
          { key: 'p99', title: 'P99', value: formatLatencyMs(totals?.p99Ms) },
          { key: 'fast', title: t('transactions.fastShare'), value: formatRatioAsPercent(fastShare) },
        ].map((card) => (
          <Col xs={12} md={8} xl={4} key={card.key}>
            <Card size="small" loading={series.isPending}>
              <Statistic
                title={card.title}
                value={card.value}
                valueStyle={card.color ? { color: card.color } : undefined}
              />
              {card.key === 'volume' && (
                <span data-testid="transactions-volume" data-count={totals?.count ?? 0} />
              )}
            </Card>
          </Col>
        ))}
      </Row>
      {empty ? (
        <Card className="section-card">
          <Empty description={t('transactions.empty')} />
        </Card>
      ) : (
        <Row gutter={[16, 16]}>
          {[
            {
              key: 'volume',
              title: t('transactions.chart.volume'),
              option: buildVolumeOption(series.data, names),
            },
            {
              key: 'failure',
              title: t('transactions.chart.failure'),
              option: buildFailureOption(series.data, names, t),
            },
            {
              key: 'latency',
              title: t('transactions.chart.latency'),
              option: buildLatencyOption(series.data, names),
            },
            { key: 'tiers', title: t('transactions.chart.tiers'), option: buildTierOption(series.data, t) },
          ].map((chart) => (
            <Col xs={24} xl={12} key={chart.key}>
              <Card size="small" className="section-card" title={chart.title}>
                <ChartPanel option={chart.option} heightPx={260} testId={`transactions-chart-${chart.key}`} />
              </Card>
            </Col>
          ))}
        </Row>
      )}
      <Card size="small" className="section-card" title={t('transactions.comparison')}>
        <Table<TransactionGroup>
          size="small"
          rowKey="key"
          dataSource={[...(series.data?.groups ?? [])].filter((group) => group.totals.count > 0)}
          loading={series.isPending}
          pagination={{ pageSize: 20, hideOnSinglePage: true }}
          data-testid="transactions-table"
          onRow={(group) => ({
            onClick: () => {
              if (state.compare !== 'none') update({ [state.compare]: [group.key], compare: 'none' });
            },
            style: { cursor: state.compare === 'none' ? undefined : 'pointer' },
          })}
          columns={[
            {
              title: t(`transactions.compare.${state.compare}`),
              key: 'group',
              render: (_, group) => groupName(group.key),
            },
            {
              title: t('transactions.volume'),
              key: 'count',
              align: 'right',
              sorter: (a, b) => a.totals.count - b.totals.count,
              defaultSortOrder: 'descend',
              render: (_, group) => group.totals.count.toLocaleString(locale),
            },
            {
              title: t('transactions.failures'),
              key: 'failures',
              align: 'right',
              render: (_, group) => group.totals.failures,
            },
            {
              title: t('transactions.failureRatio'),
              key: 'ratio',
              align: 'right',
              sorter: (a, b) =>
                a.totals.failures / Math.max(a.totals.count, 1) -
                b.totals.failures / Math.max(b.totals.count, 1),
              render: (_, group) => {
                const ratio = group.totals.failures / group.totals.count;
                return (
                  <Typography.Text style={{ color: colorOfSuccessRatio(1 - ratio) }}>
                    {formatRatioAsPercent(ratio)}
                  </Typography.Text>
                );
              },
            },
            {
              title: 'P50',
              key: 'p50',
              align: 'right',
              render: (_, group) => formatLatencyMs(group.totals.p50Ms),
            },
            {
              title: 'P95',
              key: 'p95',
              align: 'right',
              sorter: (a, b) => (a.totals.p95Ms ?? 0) - (b.totals.p95Ms ?? 0),
              render: (_, group) => formatLatencyMs(group.totals.p95Ms),
            },
            {
              title: 'P99',
              key: 'p99',
              align: 'right',
              render: (_, group) => formatLatencyMs(group.totals.p99Ms),
            },
            {
              title: t('transactions.fastShare'),
              key: 'fast',
              align: 'right',
              render: (_, group) => formatRatioAsPercent(group.totals.tiers.fast / group.totals.count),
            },
            {
              title: t('transactions.verySlowShare'),
              key: 'verySlow',
              align: 'right',
              render: (_, group) => formatRatioAsPercent(group.totals.tiers.verySlow / group.totals.count),
            },
          ]}
        />
      </Card>
    </>
  );
}
