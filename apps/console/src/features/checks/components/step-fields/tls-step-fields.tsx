import { Col, Form, Input, InputNumber, Row, Switch } from 'antd';
import { useI18n } from '../../../../lib/i18n';
import type { StepFieldsProps } from './step-fields-props';
import { TimeoutField } from './timeout-field';

/** A TLS handshake: certificate trust, host name match and days left before it expires. */
export function TlsStepFields(props: StepFieldsProps) {
  const { t } = useI18n();
  const { index, testId } = props;
  return (
    <>
      <Row gutter={16}>
        <Col xs={24} md={10}>
          <Form.Item name={[index, 'host']} label={t('field.host')} required>
            <Input placeholder="www.10086.cn" data-testid={`${testId}-host`} />
          </Form.Item>
        </Col>
        <Col xs={8} md={4}>
          <Form.Item name={[index, 'port']} label={t('field.port')}>
            <InputNumber
              min={1}
              max={65_535}
              precision={0}
              className="full-width"
              data-testid={`${testId}-port`}
            />
          </Form.Item>
        </Col>
        <Col xs={16} md={10}>
          <Form.Item
            name={[index, 'servername']}
            label={t('field.servername')}
            tooltip={t('field.servernameHelp')}
          >
            <Input data-testid={`${testId}-servername`} />
          </Form.Item>
        </Col>
      </Row>
      <Row gutter={16}>
        <Col xs={12} md={6}>
          <Form.Item name={[index, 'minDaysToExpiry']} label={t('field.minDaysToExpiry')}>
            <InputNumber
              min={0}
              max={3650}
              precision={0}
              className="full-width"
              data-testid={`${testId}-min-days`}
            />
          </Form.Item>
        </Col>
        <Col xs={12} md={6}>
          <TimeoutField {...props} />
        </Col>
        <Col xs={24} md={12}>
          <Form.Item
            name={[index, 'requireTrustedChain']}
            label={t('field.requireTrustedChain')}
            valuePropName="checked"
            tooltip={t('field.requireTrustedChainHelp')}
          >
            <Switch size="small" data-testid={`${testId}-trusted-chain`} />
          </Form.Item>
        </Col>
      </Row>
    </>
  );
}
