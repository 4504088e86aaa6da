import { httpMethodSchema } from '@ganzhi/contracts';
import { Col, Collapse, Form, Input, InputNumber, Radio, Row, Select, Switch } from 'antd';
import { useI18n } from '../../../../lib/i18n';
import {
  HTTP_AUTH_TYPES,
  HTTP_BODY_TYPES,
  isBodylessMethod,
  type HttpAuthType,
  type HttpBodyType,
  type HttpStepFormValues,
} from '../../step-forms';
import { KeyValueList } from '../key-value-list';
import { stepPath, type StepFieldsProps } from './step-fields-props';

const METHOD_OPTIONS = httpMethodSchema.options.map((method) => ({ value: method, label: method }));

function BodyFields({ index, testId }: StepFieldsProps) {
  const { t } = useI18n();
  const bodyType = Form.useWatch<HttpBodyType | undefined>(stepPath(index, 'bodyType'));
  return (
    <>
      <Form.Item name={[index, 'bodyType']} label={t('field.body')}>
        <Radio.Group
          optionType="button"
          size="small"
          options={HTTP_BODY_TYPES.map((type) => ({ value: type, label: t(`bodyType.${type}`) }))}
          data-testid={`${testId}-body-type`}
        />
      </Form.Item>
      {bodyType === 'raw' && (
        <Form.Item name={[index, 'body']}>
          <Input.TextArea
            autoSize={{ minRows: 3, maxRows: 12 }}
            className="code-input"
            data-testid={`${testId}-body`}
          />
        </Form.Item>
      )}
      {bodyType === 'json' && (
        <Form.Item name={[index, 'jsonText']} extra={t('field.jsonHelp')}>
          <Input.TextArea
            autoSize={{ minRows: 3, maxRows: 16 }}
            className="code-input"
            placeholder='{ "phone": "{{phone}}" }'
            data-testid={`${testId}-json`}
          />
        </Form.Item>
      )}
      {bodyType === 'form' && (
        <KeyValueList
          name={[index, 'form']}
          label={t('field.form')}
          addLabel={t('field.addFormField')}
          namePlaceholder={t('field.rowName')}
          valuePlaceholder={t('field.rowValue')}
          testId={`${testId}-form`}
        />
      )}
    </>
  );
}

function AuthFields({ index, testId }: StepFieldsProps) {
  const { t } = useI18n();
  const authType = Form.useWatch<HttpAuthType | undefined>(stepPath(index, 'auth', 'type'));
  return (
    <Row gutter={16}>
      <Col xs={24} md={8}>
        <Form.Item name={[index, 'auth', 'type']} label={t('field.auth')}>
          <Radio.Group
            optionType="button"
            size="small"
            options={HTTP_AUTH_TYPES.map((type) => ({ value: type, label: t(`authType.${type}`) }))}
            data-testid={`${testId}-auth-type`}
          />
        </Form.Item>
      </Col>
      {authType === 'basic' && (
        <>
          <Col xs={12} md={8}>
            <Form.Item name={[index, 'auth', 'username']} label={t('field.username')}>
              <Input data-testid={`${testId}-auth-username`} />
            </Form.Item>
          </Col>
          <Col xs={12} md={8}>
            <Form.Item name={[index, 'auth', 'password']} label={t('field.password')}>
              <Input.Password data-testid={`${testId}-auth-password`} />
            </Form.Item>
          </Col>
        </>
      )}
      {authType === 'bearer' && (
        <Col xs={24} md={16}>
          <Form.Item name={[index, 'auth', 'token']} label={t('field.token')}>
            <Input placeholder="{{token}}" data-testid={`${testId}-auth-token`} />
          </Form.Item>
        </Col>
      )}
    </Row>
  );
}

function ExpectationFields({ index, testId }: StepFieldsProps) {
  const { t } = useI18n();
  return (
    <Row gutter={16}>
      <Col xs={12} md={5}>
        <Form.Item
          name={[index, 'expectStatus']}
          label={t('field.expectStatus')}
          tooltip={t('field.expectStatusHelp')}
        >
          <Input data-testid={`${testId}-expect-status`} />
        </Form.Item>
      </Col>
      <Col xs={12} md={9}>
        <Form.Item name={[index, 'bodyContains']} label={t('field.bodyContains')}>
          <Input data-testid={`${testId}-body-contains`} />
        </Form.Item>
      </Col>
      <Col xs={12} md={5}>
        <Form.Item name={[index, 'maxLatencyMs']} label={t('field.maxLatencyMs')}>
          <InputNumber
            min={1}
            precision={0}
            step={500}
            className="full-width"
            data-testid={`${testId}-max-latency`}
          />
        </Form.Item>
      </Col>
      <Col xs={12} md={5}>
        <Form.Item name={[index, 'maxRedirects']} label={t('field.maxRedirects')}>
          <InputNumber
            min={0}
            max={20}
            precision={0}
            className="full-width"
            data-testid={`${testId}-max-redirects`}
          />
        </Form.Item>
      </Col>
    </Row>
  );
}

function ClientCertificateFields({ index, testId }: StepFieldsProps) {
  const { t } = useI18n();
  const children = (
    <>
      <Form.Item name={[index, 'clientCertificate', 'certPem']} label={t('field.certPem')}>
        <Input.TextArea
          autoSize={{ minRows: 2, maxRows: 8 }}
          className="code-input"
          data-testid={`${testId}-cert-pem`}
        />
      </Form.Item>
      <Form.Item name={[index, 'clientCertificate', 'keyPem']} label={t('field.keyPem')}>
        <Input.TextArea
          autoSize={{ minRows: 2, maxRows: 8 }}
          className="code-input"
          data-testid={`${testId}-key-pem`}
        />
      </Form.Item>
      <Form.Item name={[index, 'clientCertificate', 'passphrase']} label={t('field.passphrase')}>
        <Input.Password data-testid={`${testId}-passphrase`} />
      </Form.Item>
    </>
  );
  return (
    <Collapse
      ghost
      size="small"
      className="step-advanced"
      // forceRender keeps the fields mounted, so errors placed on them are not lost while folded.
      items={[{ key: 'cert', label: t('field.clientCertificate'), forceRender: true, children }]}
    />
  );
}

/** An HTTP request: method, URL, headers, body, auth, what to expect and how to connect. */
export function HttpStepFields(props: StepFieldsProps) {
  const { t } = useI18n();
  const { index, testId } = props;
  const method = Form.useWatch<HttpStepFormValues['method'] | undefined>(stepPath(index, 'method'));
  return (
    <>
      <Row gutter={16}>
        <Col xs={8} md={4}>
          <Form.Item name={[index, 'method']} label={t('field.method')}>
            <Select options={METHOD_OPTIONS} data-testid={`${testId}-method`} />
          </Form.Item>
        </Col>
        <Col xs={16} md={14}>
          <Form.Item name={[index, 'url']} label={t('field.url')} required>
            <Input placeholder={t('field.urlPlaceholder')} data-testid={`${testId}-url`} />
          </Form.Item>
        </Col>
        <Col xs={12} md={6}>
          <Form.Item name={[index, 'timeoutMs']} label={t('field.timeoutMs')}>
            <InputNumber
              min={100}
              max={300_000}
              step={1000}
              precision={0}
              className="full-width"
              data-testid={`${testId}-timeout`}
            />
          </Form.Item>
        </Col>
      </Row>
      <KeyValueList
        name={[index, 'headers']}
        label={t('field.headers')}
        addLabel={t('field.addHeader')}
        namePlaceholder={t('field.headerName')}
        valuePlaceholder={t('field.rowValue')}
        testId={`${testId}-header`}
      />
      {!isBodylessMethod(method) && <BodyFields {...props} />}
      <AuthFields {...props} />
      <ExpectationFields {...props} />
      <Form.Item
        name={[index, 'insecureTls']}
        label={t('field.insecureTls')}
        valuePropName="checked"
        tooltip={t('field.insecureTlsHelp')}
      >
        <Switch size="small" data-testid={`${testId}-insecure-tls`} />
      </Form.Item>
      <ClientCertificateFields {...props} />
    </>
  );
}
