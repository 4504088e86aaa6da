import type { StepKind } from '@ganzhi/contracts';
import { Alert, Button, Card, Form, Input, Space, Tag, Tooltip, Typography } from 'antd';
import { useEffect } from 'react';
import { useI18n } from '../../../lib/i18n';
import type { FormIssue } from '../check-form-issues';
import { RULE_SOURCES } from '../step-forms';
import { STEP_FIELDS } from './step-fields/step-field-registry';
import { AssertFields, ExtractFields } from './step-fields/step-rules-fields';
import { StepKindIcon } from './step-kind-icon';

export interface StepCardProps {
  readonly index: number;
  readonly kind: StepKind;
  readonly count: number;
  readonly collapsed: boolean;
  /** This step's problems; those without a field of their own are listed in the card. */
  readonly issues: readonly FormIssue[];
  readonly onCollapsedChange: (collapsed: boolean) => void;
  readonly onMove: (to: number) => void;
  readonly onRemove: () => void;
}

/** Number, kind and the step's name, edited in place: the header is where a folded step is recognised. */
function StepTitle({ index, kind }: { index: number; kind: StepKind }) {
  const { t } = useI18n();
  return (
    <Space size={8} className="step-title">
      <StepKindIcon kind={kind} />
      <span>{t('flow.stepTitle', { index: index + 1 })}</span>
      <Typography.Text type="secondary">{t(`stepKind.${kind}`)}</Typography.Text>
      <Form.Item name={[index, 'name']} noStyle>
        <Input
          variant="underlined"
          size="small"
          maxLength={120}
          placeholder={t('field.stepNamePlaceholder')}
          aria-label={t('field.stepName')}
          className="step-title-name"
          data-testid={`step-${index}-name`}
        />
      </Form.Item>
    </Space>
  );
}

function StepButtons(props: StepCardProps) {
  const { t } = useI18n();
  const { index, count, collapsed, issues } = props;
  return (
    <Space size={2}>
      {issues.length > 0 && (
        <Tag color="error" data-testid={`step-${index}-issue-count`}>
          {t('flow.issueCount', { count: issues.length })}
        </Tag>
      )}
      <Tooltip title={t('flow.moveUp')}>
        <Button
          size="small"
          type="text"
          aria-label={t('flow.moveUp')}
          disabled={index === 0}
          onClick={() => props.onMove(index - 1)}
          data-testid={`step-${index}-move-up`}
        >
          ↑
        </Button>
      </Tooltip>
      <Tooltip title={t('flow.moveDown')}>
        <Button
          size="small"
          type="text"
          aria-label={t('flow.moveDown')}
          disabled={index === count - 1}
          onClick={() => props.onMove(index + 1)}
          data-testid={`step-${index}-move-down`}
        >
          ↓
        </Button>
      </Tooltip>
      <Tooltip title={collapsed ? t('flow.expand') : t('flow.collapse')}>
        <Button
          size="small"
          type="text"
          aria-label={collapsed ? t('flow.expand') : t('flow.collapse')}
          aria-expanded={!collapsed}
          onClick={() => props.onCollapsedChange(!collapsed)}
          data-testid={`step-${index}-toggle`}
        >
          {collapsed ? '▸' : '▾'}
        </Button>
      </Tooltip>
      <Button size="small" type="text" danger onClick={props.onRemove} data-testid={`step-${index}-remove`}>
        {t('flow.remove')}
      </Button>
    </Space>
  );
}

/**
 * One step of the flow: a header with its kind, name and order buttons, then the kind's fields and the shared
 * Extract and Assertions tables. Folding hides the body with CSS only: unmounted fields would drop their errors.
 */
export function StepCard(props: StepCardProps) {
  const { index, kind, collapsed, issues, onCollapsedChange } = props;
  const Fields = STEP_FIELDS[kind];
  const testId = `step-${index}`;
  const stepWide = issues.filter((issue) => issue.field === null);
  const hasIssues = issues.length > 0;
  // A step opens when it gets problems, so the marked fields can be seen; folding it again afterwards is allowed.
  useEffect(() => {
    if (hasIssues) onCollapsedChange(false);
    // Only the moment problems appear matters, not every new callback identity.
  }, [hasIssues]);
  return (
    <Card
      size="small"
      className={`step-card${hasIssues ? ' step-card-invalid' : ''}`}
      title={<StepTitle index={index} kind={kind} />}
      extra={<StepButtons {...props} />}
      data-testid={testId}
      data-kind={kind}
      styles={{ body: collapsed ? { display: 'none' } : undefined }}
    >
      {stepWide.length > 0 && (
        <Alert
          type="error"
          showIcon
          className="load-error"
          message={stepWide.map((issue) => (
            <div key={issue.path + issue.message}>{issue.message}</div>
          ))}
        />
      )}
      <Fields index={index} testId={testId} />
      {RULE_SOURCES[kind].extract.length > 0 && <ExtractFields index={index} testId={testId} kind={kind} />}
      {RULE_SOURCES[kind].assert.length > 0 && <AssertFields index={index} testId={testId} kind={kind} />}
    </Card>
  );
}
