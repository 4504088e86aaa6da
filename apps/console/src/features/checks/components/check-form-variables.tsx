import { Card, Col, Form, InputNumber, Row, Space, Typography } from 'antd';
import { useI18n } from '../../../lib/i18n';
import { KeyValueList } from './key-value-list';

/** Placeholders every step can use without defining them (evaluated when the step runs). */
const BUILT_INS = ['{{$timestamp}}', '{{$isoTime}}', '{{$date}}', '{{$month}}', '{{$randomId}}', '{{$uuid}}'];

function VariablesHelp() {
  const { t } = useI18n();
  return (
    <Space direction="vertical" size={2}>
      <span>{t('form.variablesHelp')}</span>
      <Space size={[4, 4]} wrap>
        <span>{t('form.builtIns')}</span>
        {BUILT_INS.map((name) => (
          <Typography.Text key={name} code copyable>
            {name}
          </Typography.Text>
        ))}
      </Space>
      <Space size={4} wrap>
        <span>{t('form.secretsHelp')}</span>
        <Typography.Text code>{'{{secrets.NAME}}'}</Typography.Text>
      </Space>
    </Space>
  );
}

/** The flow's initial variables and its overall time budget. */
export function CheckFormVariables() {
  const { t } = useI18n();
  return (
    <Card title={t('form.section.flow')} className="section-card" size="small">
      <KeyValueList
        name="variables"
        label={t('form.variables')}
        addLabel={t('form.addVariable')}
        namePlaceholder={t('form.variableName')}
        valuePlaceholder={t('field.rowValue')}
        testId="check-variable"
        emptyText={t('form.noVariables')}
        extra={<VariablesHelp />}
      />
      <Row gutter={16}>
        <Col xs={24} md={8}>
          <Form.Item name="flowTimeoutMs" label={t('form.flowTimeoutMs')} tooltip={t('form.flowTimeoutHelp')}>
            <InputNumber
              min={1000}
              max={600_000}
              step={1000}
              precision={0}
              className="full-width"
              data-testid="check-flow-timeout"
            />
          </Form.Item>
        </Col>
      </Row>
    </Card>
  );
}
