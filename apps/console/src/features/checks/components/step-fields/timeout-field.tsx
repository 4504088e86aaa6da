import { Form, InputNumber } from 'antd';
import { useI18n } from '../../../../lib/i18n';
import type { StepFieldsProps } from './step-fields-props';

/** A step's own time budget (bounds from the step schemas). */
export function TimeoutField({ index, testId, max = 300_000 }: StepFieldsProps & { max?: number }) {
  const { t } = useI18n();
  return (
    <Form.Item name={[index, 'timeoutMs']} label={t('field.timeoutMs')}>
      <InputNumber
        min={100}
        max={max}
        step={1000}
        precision={0}
        className="full-width"
        data-testid={`${testId}-timeout`}
      />
    </Form.Item>
  );
}
