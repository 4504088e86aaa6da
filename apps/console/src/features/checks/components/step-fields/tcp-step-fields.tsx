import { Col, Form, Input, InputNumber, Row } from 'antd';
import { useI18n } from '../../../../lib/i18n';
import type { StepFieldsProps } from './step-fields-props';
import { TimeoutField } from './timeout-field';

/** A TCP connection: host and port, optionally a line to send and a reply to expect (an SMS gateway). */
export function TcpStepFields(props: StepFieldsProps) {
  const { t } = useI18n();
  const { index, testId } = props;
  return (
    <>
      <Row gutter={16}>
        <Col xs={24} md={12}>
          <Form.Item name={[index, 'host']} label={t('field.host')} required>
            <Input placeholder="sms-gw.example.internal" data-testid={`${testId}-host`} />
          </Form.Item>
        </Col>
        <Col xs={12} md={6}>
          <Form.Item name={[index, 'port']} label={t('field.port')} required>
            <InputNumber
              min={1}
              max={65_535}
              precision={0}
              className="full-width"
              data-testid={`${testId}-port`}
            />
          </Form.Item>
        </Col>
        <Col xs={12} md={6}>
          <TimeoutField {...props} />
        </Col>
      </Row>
      <Row gutter={16}>
        <Col xs={24} md={12}>
          <Form.Item name={[index, 'send']} label={t('field.send')} tooltip={t('field.sendHelp')}>
            <Input.TextArea
              autoSize={{ minRows: 1, maxRows: 6 }}
              className="code-input"
              data-testid={`${testId}-send`}
            />
          </Form.Item>
        </Col>
        <Col xs={24} md={12}>
          <Form.Item name={[index, 'expect']} label={t('field.expect')} tooltip={t('field.expectHelp')}>
            <Input className="code-input" data-testid={`${testId}-expect`} />
          </Form.Item>
        </Col>
      </Row>
    </>
  );
}
