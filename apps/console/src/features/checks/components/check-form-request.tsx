import { httpMethodSchema } from '@ganzhi/contracts';
import { Button, Card, Col, Form, Input, InputNumber, Row, Select, Space, Switch } from 'antd';
import { useI18n } from '../../../lib/i18n';
import { isBodylessMethod, type CheckFormValues } from '../check-form-values';

const METHOD_OPTIONS = httpMethodSchema.options.map((method) => ({ value: method, label: method }));

/** Header rows: name and value side by side; empty rows are ignored on save. */
function HeaderList() {
  const { t } = useI18n();
  return (
    <Form.Item label={t('form.headers')}>
      <Form.List name="headers">
        {(fields, { add, remove }) => (
          <>
            {fields.map((field) => (
              <Space key={field.key} align="baseline" style={{ display: 'flex' }}>
                <Form.Item name={[field.name, 'name']} style={{ marginBottom: 8 }}>
                  <Input
                    placeholder={t('form.headerName')}
                    style={{ width: 220 }}
                    data-testid={`check-header-name-${field.name}`}
                  />
                </Form.Item>
                <Form.Item name={[field.name, 'value']} style={{ marginBottom: 8 }}>
                  <Input
                    placeholder={t('form.headerValue')}
                    style={{ width: 320 }}
                    data-testid={`check-header-value-${field.name}`}
                  />
                </Form.Item>
                <Button type="link" danger onClick={() => remove(field.name)}>
                  {t('form.removeHeader')}
                </Button>
              </Space>
            ))}
            <Button type="dashed" onClick={() => add({ name: '', value: '' })} data-testid="check-add-header">
              + {t('form.addHeader')}
            </Button>
          </>
        )}
      </Form.List>
    </Form.Item>
  );
}

/** The HTTP step: what to request. */
export function CheckFormRequest() {
  const { t } = useI18n();
  const method = Form.useWatch<CheckFormValues['method'] | undefined>('method');
  return (
    <Card title={t('form.section.request')} className="section-card" size="small">
      <Row gutter={16}>
        <Col xs={8} md={4}>
          <Form.Item name="method" label={t('form.method')}>
            <Select options={METHOD_OPTIONS} data-testid="check-method" />
          </Form.Item>
        </Col>
        <Col xs={16} md={14}>
          <Form.Item name="url" label={t('form.url')} required>
            <Input placeholder={t('form.urlPlaceholder')} data-testid="check-url" />
          </Form.Item>
        </Col>
        <Col xs={12} md={6}>
          <Form.Item name="timeoutMs" label={t('form.timeoutMs')}>
            <InputNumber
              min={100}
              max={120_000}
              step={1000}
              precision={0}
              style={{ width: '100%' }}
              data-testid="check-timeout"
            />
          </Form.Item>
        </Col>
      </Row>
      <HeaderList />
      {method && !isBodylessMethod(method) && (
        <Form.Item name="body" label={t('form.body')}>
          <Input.TextArea
            autoSize={{ minRows: 3, maxRows: 12 }}
            className="code-input"
            data-testid="check-body"
          />
        </Form.Item>
      )}
      <Form.Item
        name="insecureTls"
        label={t('form.insecureTls')}
        valuePropName="checked"
        extra={t('form.insecureTlsHelp')}
      >
        <Switch data-testid="check-insecure-tls" />
      </Form.Item>
    </Card>
  );
}

/** What makes a run count as successful. */
export function CheckFormAssertions() {
  const { t } = useI18n();
  return (
    <Card title={t('form.section.assertions')} className="section-card" size="small">
      <Row gutter={16}>
        <Col xs={24} md={6}>
          <Form.Item name="expectStatus" label={t('form.expectStatus')} extra={t('form.expectStatusHelp')}>
            <Input data-testid="check-expect-status" />
          </Form.Item>
        </Col>
        <Col xs={24} md={12}>
          <Form.Item name="bodyContains" label={t('form.bodyContains')}>
            <Input data-testid="check-body-contains" />
          </Form.Item>
        </Col>
        <Col xs={24} md={6}>
          <Form.Item name="maxLatencyMs" label={t('form.maxLatencyMs')}>
            <InputNumber
              min={1}
              precision={0}
              step={500}
              style={{ width: '100%' }}
              data-testid="check-max-latency"
            />
          </Form.Item>
        </Col>
      </Row>
    </Card>
  );
}
