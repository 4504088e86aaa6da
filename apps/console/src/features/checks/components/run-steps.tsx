import type { AssertionResult, Run, StepResult } from '@ganzhi/contracts';
import { Space, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { formatLatencyMs } from '../../../lib/format-latency';
import { useI18n, type Translate } from '../../../lib/i18n';
import { isErrorClass } from '../run-facts';
import { ErrorClassTag } from './error-class-tag';

function assertionColumns(t: Translate): ColumnsType<AssertionResult> {
  return [
    {
      key: 'ok',
      title: t('runs.col.result'),
      width: 90,
      render: (_, assertion) => (
        <Tag color={assertion.ok ? 'success' : 'error'}>{assertion.ok ? t('runs.ok') : t('runs.failed')}</Tag>
      ),
    },
    { key: 'name', title: t('runs.assertion'), dataIndex: 'name' },
    {
      key: 'expected',
      title: t('runs.expected'),
      dataIndex: 'expected',
      render: (value: string) => <code>{value}</code>,
    },
    {
      key: 'actual',
      title: t('runs.actual'),
      dataIndex: 'actual',
      render: (value: string) => <code>{value}</code>,
    },
  ];
}

/** The step's phases in one line; a phase that did not happen (no TLS on http) shows a dash. */
function StepTimings({ step }: { step: StepResult }) {
  const { t } = useI18n();
  const { timings } = step;
  const items = [
    { key: 'dns', label: t('phase.dns'), value: timings.dnsMs },
    { key: 'connect', label: t('phase.connect'), value: timings.connectMs },
    { key: 'tls', label: t('phase.tls'), value: timings.tlsMs },
    { key: 'firstByte', label: t('phase.firstByte'), value: timings.firstByteMs },
    { key: 'download', label: t('phase.download'), value: timings.downloadMs },
    { key: 'total', label: t('runs.col.total'), value: timings.totalMs },
  ];
  return (
    <Space size={[20, 4]} wrap className="step-timings">
      {items.map((item) => (
        <span key={item.key}>
          <Typography.Text type="secondary">{item.label}</Typography.Text> {formatLatencyMs(item.value)}
        </span>
      ))}
    </Space>
  );
}

function StepResultView({ step }: { step: StepResult }) {
  const { t } = useI18n();
  const errorClass = step.errorClass;
  return (
    <div className="run-step">
      <Space size={8} wrap>
        <Typography.Text strong>{t('runs.step', { index: step.index + 1, name: step.name })}</Typography.Text>
        {isErrorClass(errorClass) && <ErrorClassTag errorClass={errorClass} />}
        {step.errorMessage && <Typography.Text type="danger">{step.errorMessage}</Typography.Text>}
      </Space>
      <StepTimings step={step} />
      {step.assertions.length > 0 ? (
        <Table<AssertionResult>
          size="small"
          rowKey={(assertion) => `${assertion.name}:${assertion.expected}`}
          columns={assertionColumns(t)}
          dataSource={step.assertions}
          pagination={false}
          data-testid="run-assertions"
        />
      ) : (
        <Typography.Text type="secondary">{t('runs.noAssertions')}</Typography.Text>
      )}
    </div>
  );
}

/** A run's steps with their phase timings and assertions: the expanded row of the runs table. */
export function RunSteps({ run }: { run: Run }) {
  return (
    <div className="run-steps">
      {run.steps.map((step) => (
        <StepResultView key={step.index} step={step} />
      ))}
    </div>
  );
}
