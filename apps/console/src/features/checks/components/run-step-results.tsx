import type { AssertionResult, StepResult } from '@ganzhi/contracts';
import { Space, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { formatLatencyMs } from '../../../lib/format-latency';
import { useI18n, type Translate } from '../../../lib/i18n';
import { isErrorClass } from '../run-facts';
import type { EvidenceArtifact } from '../run-evidence';
import {
  actualText,
  assertionNameText,
  detailNameText,
  detailValueText,
  expectedText,
  stepErrorText,
} from '../step-result-text';
import { ErrorClassTag } from './error-class-tag';
import { ProblemScene } from './problem-scene';
import { VariableTags } from './variable-tags';

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
    {
      key: 'name',
      title: t('runs.assertion'),
      render: (_, assertion) => {
        const { label, code } = assertionNameText(assertion.name, t);
        return (
          <Space size={6} wrap>
            {label && <span className="nowrap">{label}</span>}
            {code && <code>{code}</code>}
          </Space>
        );
      },
    },
    {
      key: 'expected',
      title: t('runs.expected'),
      render: (_, assertion) => expectedText(assertion, t),
    },
    {
      key: 'actual',
      title: t('runs.actual'),
      render: (_, assertion) => actualText(assertion, t),
    },
  ];
}

/** The step's phases in one line; phases that did not happen are left out, the total always shown. */
function StepTimings({ step }: { step: StepResult }) {
  const { t } = useI18n();
  const { timings } = step;
  const items = [
    { key: 'dns', label: t('phase.dns'), value: timings.dnsMs },
    { key: 'connect', label: t('phase.connect'), value: timings.connectMs },
    { key: 'tls', label: t('phase.tls'), value: timings.tlsMs },
    { key: 'firstByte', label: t('phase.firstByte'), value: timings.firstByteMs },
    { key: 'download', label: t('phase.download'), value: timings.downloadMs },
  ].filter((item) => item.value !== null);
  return (
    <Space size={[20, 4]} wrap className="step-timings">
      {[...items, { key: 'total', label: t('runs.col.total'), value: timings.totalMs }].map((item) => (
        <span key={item.key}>
          <Typography.Text type="secondary">{item.label}</Typography.Text> {formatLatencyMs(item.value)}
        </span>
      ))}
    </Space>
  );
}

/** Protocol facts (status, final URL, page load, white screen …) in the user's language. */
function StepDetail({ detail }: { detail: StepResult['detail'] }) {
  const { t, locale } = useI18n();
  const entries = Object.entries(detail).filter(([, value]) => value !== null && value !== '');
  if (entries.length === 0) return null;
  return (
    <Space size={[6, 6]} wrap className="step-detail">
      {entries.map(([name, value]) => (
        <Tag
          key={name}
          bordered={false}
          className="step-detail-tag"
          title={`${detailNameText(name, t)} ${detailValueText(name, value, { t, locale })}`}
          color={name === 'whiteScreen' && value === true ? 'error' : undefined}
          data-testid={`step-detail-${name}`}
        >
          <Typography.Text type="secondary">{detailNameText(name, t)}</Typography.Text>{' '}
          {detailValueText(name, value, { t, locale })}
        </Tag>
      ))}
    </Space>
  );
}

function StepResultView({ step, artifacts }: { step: StepResult; artifacts: readonly EvidenceArtifact[] }) {
  const { t } = useI18n();
  const errorClass = step.errorClass;
  return (
    <div
      className={`run-step${step.ok ? '' : ' run-step-failed'}`}
      data-testid={`run-step-${step.index}`}
      data-ok={step.ok}
    >
      <Space size={8} wrap>
        <Tag color={step.ok ? 'success' : 'error'}>{step.ok ? t('runs.ok') : t('runs.failed')}</Tag>
        <Typography.Text strong>{t('runs.step', { index: step.index + 1, name: step.name })}</Typography.Text>
        {isErrorClass(errorClass) && <ErrorClassTag errorClass={errorClass} />}
        {step.errorMessage && (
          <Typography.Text type="danger" data-testid="run-step-error">
            {stepErrorText(step, t)}
          </Typography.Text>
        )}
      </Space>
      <StepTimings step={step} />
      <StepDetail detail={step.detail} />
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
      {step.variables && Object.keys(step.variables).length > 0 && (
        <div className="step-variables">
          <Typography.Text type="secondary">{t('evidence.extracted')}</Typography.Text>{' '}
          <VariableTags variables={step.variables} />
        </div>
      )}
      <ProblemScene artifacts={artifacts} isFailure={!step.ok} />
    </div>
  );
}

/** Each step's result with its timings, assertions, extracted variables and problem scene. */
export function RunStepResults({
  steps,
  artifacts,
}: {
  steps: readonly StepResult[];
  artifacts: readonly EvidenceArtifact[];
}) {
  const { t } = useI18n();
  if (steps.length === 0) return <Typography.Text type="secondary">{t('evidence.noSteps')}</Typography.Text>;
  return (
    <div className="run-steps">
      {steps.map((step) => (
        <StepResultView
          key={step.index}
          step={step}
          artifacts={artifacts.filter((artifact) => artifact.stepIndex === step.index)}
        />
      ))}
    </div>
  );
}
