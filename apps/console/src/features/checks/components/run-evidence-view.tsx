import { Alert, Card, Space, Typography } from 'antd';
import { formatLatencyMs } from '../../../lib/format-latency';
import { useI18n } from '../../../lib/i18n';
import { isErrorClass } from '../run-facts';
import { failedStepOf, type RunEvidence } from '../run-evidence';
import { runErrorText } from '../step-result-text';
import { ErrorClassTag } from './error-class-tag';
import { RunStepResults } from './run-step-results';
import { RunWaterfall } from './run-waterfall';
import { VariableTags } from './variable-tags';

export interface RunEvidenceViewProps {
  readonly evidence: RunEvidence;
  /** How many steps the flow has, when known, to say how many did not run after a failure. */
  readonly plannedSteps?: number;
}

function Verdict({ evidence, plannedSteps }: RunEvidenceViewProps) {
  const { t } = useI18n();
  const failed = failedStepOf(evidence);
  const notRun = plannedSteps === undefined ? 0 : Math.max(0, plannedSteps - evidence.steps.length);
  if (evidence.ok) {
    return (
      <Alert
        type="success"
        showIcon
        data-testid="run-verdict"
        data-ok="true"
        message={t('evidence.ok', {
          count: evidence.steps.length,
          duration: formatLatencyMs(evidence.durationMs),
        })}
      />
    );
  }
  const errorClass = evidence.errorClass;
  return (
    <Alert
      type="error"
      showIcon
      data-testid="run-verdict"
      data-ok="false"
      data-failed-step={failed?.index}
      message={
        <Space size={8} wrap>
          <span data-testid="run-verdict-step">
            {failed
              ? t('evidence.failedAt', { index: failed.index + 1, name: failed.name })
              : t('evidence.failed')}
          </span>
          {isErrorClass(errorClass) && <ErrorClassTag errorClass={errorClass} />}
          <Typography.Text type="secondary">{formatLatencyMs(evidence.durationMs)}</Typography.Text>
        </Space>
      }
      description={
        <>
          {evidence.errorMessage && <div data-testid="run-verdict-message">{runErrorText(evidence, t)}</div>}
          {notRun > 0 && <div>{t('evidence.notRun', { count: notRun })}</div>}
        </>
      }
    />
  );
}

/** A run's whole story: verdict, waterfall, each step's result and scene, and the final variables of a try. */
export function RunEvidenceView(props: RunEvidenceViewProps) {
  const { t } = useI18n();
  const { evidence } = props;
  return (
    <div className="run-evidence" data-testid="run-evidence">
      <Verdict {...props} />
      <Card size="small" title={t('evidence.waterfall')}>
        <RunWaterfall evidence={evidence} />
      </Card>
      <Card size="small" title={t('evidence.steps')}>
        <RunStepResults steps={evidence.steps} artifacts={evidence.artifacts} />
      </Card>
      {evidence.finalVariables && (
        <Card size="small" title={t('evidence.finalVariables')}>
          {Object.keys(evidence.finalVariables).length > 0 ? (
            <VariableTags variables={evidence.finalVariables} />
          ) : (
            <Typography.Text type="secondary">{t('evidence.noVariables')}</Typography.Text>
          )}
        </Card>
      )}
    </div>
  );
}
