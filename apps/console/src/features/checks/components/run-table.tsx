import { errorClassSchema, type Run, type RunPage } from '@ganzhi/contracts';
import { Card, Table, Tag, Typography } from 'antd';
import type { ColumnsType, TableProps } from 'antd/es/table';
import dayjs from 'dayjs';
import { formatLatencyMs } from '../../../lib/format-latency';
import { filterableColumn, sortableColumn } from '../../../lib/list-columns';
import { sortParamOf, type ListParams } from '../../../lib/list-params';
import type { ListParamsControl } from '../../../lib/use-list-params';
import { useI18n, type Translate } from '../../../lib/i18n';
import { evidenceOfRun, failedStepOf } from '../run-evidence';
import { runErrorText } from '../step-result-text';
import { httpStatusOf, isErrorClass } from '../run-facts';
import { ClockCorrectionTag } from './clock-correction-tag';
import { ErrorClassTag } from './error-class-tag';
import { RunEvidenceView } from './run-evidence-view';

/** The server's order when the table names none: newest first. */
const DEFAULT_SORT = 'startedAt:desc';
/** The page sizes the runs table offers. */
const PAGE_SIZES = [10, 20, 50];
export const RUN_PAGE_SIZE = 10;
/** Column filters, each one filter of the runs API (`outcome`, `errorClass`); one value at a time. */
const COLUMN_FILTERS = ['outcome', 'errorClass'] as const;

function runColumns(t: Translate, params: ListParams): ColumnsType<Run> {
  return [
    {
      key: 'startedAt',
      title: t('runs.col.time'),
      width: 190,
      ...sortableColumn('startedAt', { params, fallback: DEFAULT_SORT }),
      render: (_, run) => (
        <>
          {dayjs(run.startedAt).format('YYYY-MM-DD HH:mm:ss')}
          <ClockCorrectionTag correctionMs={run.clockCorrectionMs} />
        </>
      ),
    },
    {
      key: 'outcome',
      title: t('runs.col.result'),
      width: 90,
      ...filterableColumn('outcome', {
        params,
        multiple: false,
        choices: [
          { text: t('runs.ok'), value: 'ok' },
          { text: t('runs.failed'), value: 'failed' },
        ],
      }),
      render: (_, run) =>
        run.ok ? (
          <Tag color="success" data-testid="run-ok">
            {t('runs.ok')}
          </Tag>
        ) : (
          <Tag color="error" data-testid="run-failed">
            {t('runs.failed')}
          </Tag>
        ),
    },
    {
      key: 'durationMs',
      title: t('runs.col.total'),
      width: 110,
      ...sortableColumn('durationMs', { params, fallback: DEFAULT_SORT }),
      render: (_, run) => formatLatencyMs(run.durationMs),
    },
    { key: 'status', title: t('runs.col.status'), width: 90, render: (_, run) => httpStatusOf(run) ?? '—' },
    {
      key: 'failedStep',
      title: t('runs.col.failedStep'),
      width: 160,
      ellipsis: true,
      render: (_, run) => {
        const failed = failedStepOf(run);
        if (!failed) return <Typography.Text type="secondary">—</Typography.Text>;
        return (
          <span data-testid="run-failed-step">
            {t('runs.step', { index: failed.index + 1, name: failed.name })}
          </span>
        );
      },
    },
    {
      key: 'errorClass',
      title: t('runs.col.error'),
      ellipsis: true,
      ...filterableColumn('errorClass', {
        params,
        multiple: false,
        choices: errorClassSchema.options.map((value) => ({ text: t(`errorClass.${value}`), value })),
      }),
      render: (_, run) => {
        const errorClass = run.errorClass;
        if (!isErrorClass(errorClass)) return <Typography.Text type="secondary">—</Typography.Text>;
        return (
          <span>
            <ErrorClassTag errorClass={errorClass} />
            <Typography.Text type="secondary">{runErrorText(run, t)}</Typography.Text>
          </span>
        );
      },
    },
    { key: 'location', title: t('runs.col.location'), width: 110, dataIndex: 'location' },
  ];
}

type TableChange = Parameters<NonNullable<TableProps<Run>['onChange']>>;

export interface RunTableProps {
  /** The page on screen (the server sorts, filters and pages). */
  readonly page: RunPage | undefined;
  readonly isLoading: boolean;
  /** The table's page, sort and column filters; the query of `page` is made from them. */
  readonly list: ListParamsControl;
  /** Steps of the check now, to say how many did not run after a failure. */
  readonly plannedSteps?: number;
}

/** A check's runs, a page at a time; each row expands to the run's waterfall, step results and problem scene. */
export function RunTable({ page, isLoading, list, plannedSteps }: RunTableProps) {
  const { t } = useI18n();
  const { params } = list;
  // Ant Design's callback takes four arguments; they arrive as one tuple here.
  const onChange = (...[pagination, filters, sorter, extra]: TableChange) => {
    if (extra.action === 'filter')
      list.setFilters(
        Object.fromEntries(
          COLUMN_FILTERS.map((name) => [name, filters[name]?.map(String).join(',') ?? null]),
        ),
      );
    else if (extra.action === 'sort') list.setSort(Array.isArray(sorter) ? null : sortParamOf(sorter));
    else list.setPage(pagination.current ?? 1, pagination.pageSize ?? params.pageSize);
  };
  return (
    <Card title={t('detail.runs')} size="small" className="section-card">
      <div data-testid="runs-table">
        <Table<Run>
          size="small"
          rowKey="id"
          loading={isLoading}
          columns={runColumns(t, params)}
          dataSource={page?.items}
          onChange={onChange}
          expandable={{
            expandedRowRender: (run) => (
              <RunEvidenceView evidence={evidenceOfRun(run)} plannedSteps={plannedSteps} />
            ),
          }}
          pagination={{
            current: params.page,
            pageSize: params.pageSize,
            total: page?.total ?? 0,
            showSizeChanger: true,
            pageSizeOptions: PAGE_SIZES.map(String),
            showTotal: (total) => t('list.total', { total }),
            hideOnSinglePage: true,
          }}
        />
      </div>
    </Card>
  );
}
