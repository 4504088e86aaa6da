import { STEP_KINDS, type StepKind } from '@ganzhi/contracts';
import { Button, Card, Dropdown, Empty, Form, Space, Typography } from 'antd';
import { useState } from 'react';
import { useI18n } from '../../../lib/i18n';
import type { FormIssue } from '../check-form-issues';
import { newStepValues, type StepFormValues } from '../step-forms';
import { StepCard } from './step-card';
import { StepKindIcon } from './step-kind-icon';

function AddStepButton({ onAdd }: { onAdd: (kind: StepKind) => void }) {
  const { t } = useI18n();
  const items = STEP_KINDS.map((kind) => ({
    key: kind,
    icon: <StepKindIcon kind={kind} />,
    label: (
      <span className="add-step-item" data-testid={`add-step-${kind}`}>
        <span>{t(`stepKind.${kind}`)}</span>
        <Typography.Text type="secondary" className="add-step-help">
          {t(`stepKind.${kind}.help`)}
        </Typography.Text>
      </span>
    ),
  }));
  return (
    <Dropdown trigger={['click']} menu={{ items, onClick: ({ key }) => onAdd(key as StepKind) }}>
      <Button type="dashed" data-testid="add-step-button">
        + {t('flow.addStep')}
      </Button>
    </Dropdown>
  );
}

/**
 * The flow's steps in order: add a step of any kind, reorder, fold and remove. Fold state belongs to the list
 * entry (antd's stable `key`), so it follows a step when it moves.
 */
export function StepList({ issues }: { issues: readonly FormIssue[] }) {
  const { t } = useI18n();
  const form = Form.useFormInstance();
  const [collapsedKeys, setCollapsedKeys] = useState<ReadonlySet<number>>(new Set());

  const setCollapsed = (key: number, collapsed: boolean) =>
    setCollapsedKeys((previous) => {
      if (previous.has(key) === collapsed) return previous;
      const next = new Set(previous);
      if (collapsed) next.add(key);
      else next.delete(key);
      return next;
    });

  return (
    <Card title={t('flow.title')} size="small" className="section-card" data-testid="step-list">
      <Form.List name="steps">
        {(fields, { add, remove, move }) => (
          <Space direction="vertical" size={12} className="full-width">
            {fields.length === 0 && (
              <Empty
                image={Empty.PRESENTED_IMAGE_SIMPLE}
                description={t('flow.empty')}
                data-testid="step-list-empty"
              />
            )}
            {fields.map((field) => {
              // A step's kind never changes after it is added, so reading it at render is enough.
              const kind =
                (form.getFieldValue(['steps', field.name, 'kind']) as StepKind | undefined) ?? 'http';
              return (
                <StepCard
                  key={field.key}
                  index={field.name}
                  kind={kind}
                  count={fields.length}
                  collapsed={collapsedKeys.has(field.key)}
                  issues={issues.filter((issue) => issue.stepIndex === field.name)}
                  onCollapsedChange={(collapsed) => setCollapsed(field.key, collapsed)}
                  onMove={(to) => move(field.name, to)}
                  onRemove={() => remove(field.name)}
                />
              );
            })}
            <AddStepButton onAdd={(kind) => add(newStepValues(kind) satisfies StepFormValues)} />
          </Space>
        )}
      </Form.List>
    </Card>
  );
}
