import { Col, Form, InputNumber, Row } from 'antd';
import { useI18n } from '../../../../lib/i18n';
import type { StepFieldsProps } from './step-fields-props';

/** A pause, e.g. between a payment and the balance query that should reflect it. */
export function WaitStepFields({ index, testId }: StepFieldsProps) {
  const { t } = useI18n();
  return (
    <Row gutter={16}>
      <Col xs={12} md={6}>
        <Form.Item name={[index, 'durationMs']} label={t('field.durationMs')} required>
          <InputNumber
            min={1}
            max={300_000}
            step={500}
            precision={0}
            className="full-width"
            data-testid={`${testId}-duration`}
          />
        </Form.Item>
      </Col>
    </Row>
  );
}
