import type { Step } from '@ganzhi/contracts';
import { Space, Typography } from 'antd';
import { summarizeStep } from '../step-forms';
import { StepKindIcon } from './step-kind-icon';

/** What the check does, step by step, under its name: `① POST …/login → ② GET …/balance`. */
export function FlowSummary({ steps }: { steps: readonly Step[] }) {
  return (
    <Space size={[4, 4]} wrap className="flow-summary" data-testid="flow-summary">
      {steps.map((step, index) => {
        const summary = summarizeStep(step);
        return (
          <Space key={index} size={4}>
            {index > 0 && <Typography.Text type="secondary">→</Typography.Text>}
            <StepKindIcon kind={step.kind} />
            <Typography.Text
              code
              copyable={steps.length === 1 ? { text: summary } : false}
              className="flow-summary-step"
              title={summary}
            >
              {summary}
            </Typography.Text>
          </Space>
        );
      })}
    </Space>
  );
}
