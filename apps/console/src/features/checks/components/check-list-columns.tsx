import type { CheckListItem, CheckStatus, Dimensions } from '@ganzhi/contracts';
import { Tooltip, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { Link } from 'react-router-dom';
import { formatIntervalSeconds } from '../../../lib/format-interval';
import { formatLatencyMs } from '../../../lib/format-latency';
import { filterableColumn, sortableColumn } from '../../../lib/list-columns';
import type { ListParams } from '../../../lib/list-params';
import { formatDateTime, formatRelativeTime } from '../../../lib/relative-time';
import type { I18n } from '../../../lib/i18n';
import { nameOfCode, type DimensionKind } from '../../dimensions';
import { isErrorClass } from '../run-facts';
import { CheckStatusTag } from './check-status-tag';
import { CheckTags } from './check-tags';
import { ErrorClassTag } from './error-class-tag';
import { SuccessRatioText } from './success-ratio-text';

const STATUSES: readonly CheckStatus[] = ['down', 'pending', 'up', 'paused'];

export interface CheckColumnContext {
  readonly i18n: I18n;
  readonly dimensions: Dimensions | undefined;
  readonly params: ListParams;
  readonly nowMs: number;
}

export function checkPath(id: string): string {
  return `/checks/${encodeURIComponent(id)}`;
}

/** The server's order when the URL names none. */
const DEFAULT_SORT = 'name:asc';

/** A column the server sorts: Ant Design shows the order the URL holds. */
const sortable = (field: string, params: ListParams) =>
  sortableColumn(field, { params, fallback: DEFAULT_SORT });

/** A column filter the server applies; its selection is the URL's (comma-separated when several). */
const filterable = (name: string, params: ListParams, choices: { text: string; value: string }[]) =>
  filterableColumn(name, { params, choices });

function dimensionColumn(
  kind: DimensionKind,
  context: CheckColumnContext,
): ColumnsType<CheckListItem>[number] {
  const { t, locale } = context.i18n;
  const choices =
    kind === 'region'
      ? undefined
      : (context.dimensions?.[kind === 'channel' ? 'channels' : 'businesses'] ?? []).map((item) => ({
          text: locale === 'zh-CN' ? item.nameZh : item.nameEn,
          value: item.code,
        }));
  return {
    key: kind,
    title: t(`checks.col.${kind}`),
    ...(choices ? { ...filterable(kind, context.params, choices), filterMultiple: false } : {}),
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

function LastRunCell({ check }: { check: CheckListItem }) {
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

/** The checks table's columns; sorts and filters are the server's, read from and written to the URL. */
export function checkColumns(context: CheckColumnContext): ColumnsType<CheckListItem> {
  const { t } = context.i18n;
  const { params } = context;
  return [
    {
      key: 'status',
      title: t('checks.col.status'),
      width: 130,
      ...sortable('status', params),
      ...filterable(
        'status',
        params,
        STATUSES.map((status) => ({ text: t(`status.${status}`), value: status })),
      ),
      render: (_, check) => <CheckStatusTag status={check.status} />,
    },
    {
      key: 'name',
      title: t('checks.col.name'),
      ...sortable('name', params),
      // A real link as well as the clickable row: keyboard users can reach it and it opens in a new tab.
      render: (_, check) => (
        <Link to={checkPath(check.id)} onClick={(event) => event.stopPropagation()}>
          {check.name}
        </Link>
      ),
    },
    dimensionColumn('channel', context),
    dimensionColumn('business', context),
    dimensionColumn('region', context),
    {
      key: 'lastRunAt',
      title: t('checks.col.lastRunAt'),
      ...sortable('lastRunAt', params),
      render: (_, check) =>
        check.lastRun ? (
          <Tooltip title={formatDateTime(check.lastRun.startedAt)}>
            <span>{formatRelativeTime(check.lastRun.startedAt, context.nowMs)}</span>
          </Tooltip>
        ) : (
          <Typography.Text type="secondary">—</Typography.Text>
        ),
    },
    {
      key: 'latencyMs',
      title: t('checks.col.lastLatency'),
      ...sortable('latencyMs', params),
      render: (_, check) => <LastRunCell check={check} />,
    },
    {
      key: 'successRatio24h',
      title: t('checks.col.successRatio24h'),
      ...sortable('successRatio24h', params),
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
