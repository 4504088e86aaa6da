import type { Run } from '@ganzhi/contracts';
import { Card, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import dayjs from 'dayjs';
import { formatLatencyMs } from '../../../lib/format-latency';
import { useI18n, type Translate } from '../../../lib/i18n';
import { evidenceOfRun, failedStepOf } from '../run-evidence';
import { runErrorText } from '../step-result-text';
import { httpStatusOf, isErrorClass } from '../run-facts';
import { ClockCorrectionTag } from './clock-correction-tag';
import { ErrorClassTag } from './error-class-tag';
import { RunEvidenceView } from './run-evidence-view';

function runColumns(t: Translate): ColumnsType<Run> {
  return [
    {
      key: 'time',
      title: t('runs.col.time'),
      width: 190,
      render: (_, run) => (
        <>
          {dayjs(run.startedAt).format('YYYY-MM-DD HH:mm:ss')}
          <ClockCorrectionTag correctionMs={run.clockCorrectionMs} />
        </>
      ),
    },
    {
      key: 'result',
      title: t('runs.col.result'),
      width: 90,
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
      key: 'total',
      title: t('runs.col.total'),
      width: 110,
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
      key: 'error',
      title: t('runs.col.error'),
      ellipsis: true,
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

export interface RunTableProps {
  readonly runs: readonly Run[] | undefined;
  readonly isLoading: boolean;
  /** Steps of the check now, to say how many did not run after a failure. */
  readonly plannedSteps?: number;
}

/** The newest runs; each row expands to the run's waterfall, step results and problem scene. */
export function RunTable({ runs, isLoading, plannedSteps }: RunTableProps) {
  const { t } = useI18n();
  return (
    <Card title={t('detail.runs')} size="small" className="section-card">
      <div data-testid="runs-table">
        <Table<Run>
          size="small"
          rowKey="id"
          loading={isLoading}
          columns={runColumns(t)}
          dataSource={runs ? [...runs] : undefined}
          expandable={{
            expandedRowRender: (run) => (
              <RunEvidenceView evidence={evidenceOfRun(run)} plannedSteps={plannedSteps} />
            ),
          }}
          pagination={{ pageSize: 10, hideOnSinglePage: true, showSizeChanger: false }}
        />
      </div>
    </Card>
  );
}
