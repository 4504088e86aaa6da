import type { CheckSummary, Dimensions } from '@ganzhi/contracts';
import { Button, Empty, Table, Tag, Tooltip, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { Link, useNavigate } from 'react-router-dom';
import { LoadError } from '../../../components/load-error';
import { PageHeader } from '../../../components/page-header';
import { formatIntervalSeconds } from '../../../lib/format-interval';
import { formatLatencyMs } from '../../../lib/format-latency';
import { useSearchParamFilter } from '../../../lib/use-search-param-filter';
import { useI18n, type I18n } from '../../../lib/i18n';
import { usePermissions } from '../../auth';
import { nameOfCode, useDimensions, type DimensionKind } from '../../dimensions';
import { useCheckSummaries } from '../api/check-api';
import { isErrorClass } from '../run-facts';
import { CheckStatusTag } from './check-status-tag';
import { CheckTags } from './check-tags';
import { ErrorClassTag } from './error-class-tag';
import { SuccessRatioText } from './success-ratio-text';

function dimensionColumn(
  kind: DimensionKind,
  context: { i18n: I18n; dimensions: Dimensions | undefined },
): ColumnsType<CheckSummary>[number] {
  const { t, locale } = context.i18n;
  return {
    key: kind,
    title: t(`checks.col.${kind}`),
    render: (_, check) => {
      const code = check[kind];
      return code ? (
        nameOfCode(context.dimensions, { kind, code, locale })
      ) : (
        <Typography.Text type="secondary">—</Typography.Text>
      );
    },
  };
}

function checkPath(id: string): string {
  return `/checks/${encodeURIComponent(id)}`;
}

function LastRunCell({ check }: { check: CheckSummary }) {
  const { lastRun } = check;
  if (!lastRun) return <Typography.Text type="secondary">—</Typography.Text>;
  const errorClass = lastRun.errorClass;
  return (
    <span>
      {formatLatencyMs(lastRun.durationMs)}{' '}
      {!lastRun.ok && isErrorClass(errorClass) && <ErrorClassTag errorClass={errorClass} />}
    </span>
  );
}

function checkColumns(i18n: I18n, dimensions: Dimensions | undefined): ColumnsType<CheckSummary> {
  const { t } = i18n;
  return [
    {
      key: 'status',
      title: t('checks.col.status'),
      width: 130,
      render: (_, check) => <CheckStatusTag status={check.status} />,
    },
    {
      key: 'name',
      title: t('checks.col.name'),
      sorter: (a, b) => a.name.localeCompare(b.name),
      // A real link as well as the clickable row: keyboard users can reach it and it opens in a new tab.
      render: (_, check) => (
        <Link to={checkPath(check.id)} onClick={(event) => event.stopPropagation()}>
          {check.name}
        </Link>
      ),
    },
    dimensionColumn('channel', { i18n, dimensions }),
    dimensionColumn('business', { i18n, dimensions }),
    dimensionColumn('region', { i18n, dimensions }),
    {
      key: 'lastLatency',
      title: t('checks.col.lastLatency'),
      render: (_, check) => <LastRunCell check={check} />,
    },
    {
      key: 'successRatio24h',
      title: t('checks.col.successRatio24h'),
      sorter: (a, b) => (a.successRatio24h ?? 2) - (b.successRatio24h ?? 2),
      render: (_, check) => (
        <Tooltip title={t('checks.runs24h', { count: check.runs24h })}>
          <span>
            <SuccessRatioText ratio={check.successRatio24h} />
          </span>
        </Tooltip>
      ),
    },
    {
      key: 'interval',
      title: t('checks.col.interval'),
      render: (_, check) => formatIntervalSeconds(check.intervalSeconds, t),
    },
    {
      key: 'tags',
      title: t('checks.col.tags'),
      render: (_, check) => <CheckTags tags={check.tags} />,
    },
  ];
}

export function CheckListPage() {
  const i18n = useI18n();
  const { t } = i18n;
  const checks = useCheckSummaries();
  const dimensions = useDimensions();
  const navigate = useNavigate();
  const { can } = usePermissions();
  const [location, clearLocation] = useSearchParamFilter('location');
  const shown =
    location === null ? checks.data : checks.data?.filter((check) => check.locations.includes(location));

  return (
    <>
      <PageHeader
        title={t('checks.title')}
        subTitle={t('common.autoRefresh')}
        extra={
          can('checks:write') && (
            <Button
              type="primary"
              onClick={() => void navigate('/checks/new')}
              data-testid="new-check-button"
            >
              {t('checks.new')}
            </Button>
          )
        }
      />
      {checks.error && <LoadError error={checks.error} onRetry={() => void checks.refetch()} />}
      {location !== null && (
        <Tag
          closable
          onClose={clearLocation}
          color="blue"
          className="list-filter"
          data-testid="checks-location-filter"
        >
          {t('checks.locationFilter', { location })}
        </Tag>
      )}
      <div data-testid="checks-table">
        <Table<CheckSummary>
          className="clickable-rows"
          rowKey="id"
          size="middle"
          dataSource={shown}
          loading={checks.isPending}
          columns={checkColumns(i18n, dimensions.data)}
          onRow={(check) => ({ onClick: () => void navigate(checkPath(check.id)) })}
          pagination={{ pageSize: 20, hideOnSinglePage: true }}
          locale={{ emptyText: <Empty description={t('checks.empty')} /> }}
          scroll={{ x: 'max-content' }}
        />
      </div>
    </>
  );
}
