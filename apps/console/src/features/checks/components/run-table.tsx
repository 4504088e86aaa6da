import { errorClassSchema, type Run } from '@ganzhi/contracts';
import { Card, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import dayjs from 'dayjs';
import { formatLatencyMs } from '../../../lib/format-latency';
import { filterableColumn, sortableColumn } from '../../../lib/list-columns';
import type { ListParams } from '../../../lib/list-params';
import { useListState } from '../../../lib/use-list-params';
import { useServerTable, type ServerPageQuery, type ServerTable } from '../../../lib/use-server-table';
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
const RUN_PAGE_SIZE = 10;
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

/**
 * The runs table's page, sort and column filters, kept in the component, and its API query: of the runs at
 * `location` when the page shows one location.
 */
export function useRunTable(location: string | null): ServerTable<Run> {
  return useServerTable<Run>({
    list: useListState({ defaultPageSize: RUN_PAGE_SIZE }),
    pageSizes: PAGE_SIZES,
    columnFilters: COLUMN_FILTERS,
    ...(location ? { fixedFilters: { location } } : {}),
  });
}

export interface RunTableProps {
  /** The table's state; `page` is the answer to its query. */
  readonly table: ServerTable<Run>;
  /** The page on screen (the server sorts, filters and pages). */
  readonly page: ServerPageQuery<Run>;
  /** Steps of the check now, to say how many did not run after a failure. */
  readonly plannedSteps?: number;
}

/** A check's runs, a page at a time; each row expands to the run's waterfall, step results and problem scene. */
export function RunTable({ table, page, plannedSteps }: RunTableProps) {
  const { t } = useI18n();
  return (
    <Card title={t('detail.runs')} size="small" className="section-card">
      <div data-testid="runs-table">
        <Table<Run>
          size="small"
          rowKey="id"
          columns={runColumns(t, table.params)}
          {...table.tableProps(page)}
          expandable={{
            expandedRowRender: (run) => (
              <RunEvidenceView evidence={evidenceOfRun(run)} plannedSteps={plannedSteps} />
            ),
          }}
        />
      </div>
    </Card>
  );
}
