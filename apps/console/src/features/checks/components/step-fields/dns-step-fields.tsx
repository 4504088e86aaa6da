import { dnsRecordTypeSchema } from '@ganzhi/contracts';
import { Col, Form, Input, Row, Select } from 'antd';
import { useI18n } from '../../../../lib/i18n';
import type { StepFieldsProps } from './step-fields-props';
import { TimeoutField } from './timeout-field';

const RECORD_TYPE_OPTIONS = dnsRecordTypeSchema.options.map((type) => ({ value: type, label: type }));

/** A DNS query: the name, the record type, an optional resolver and answers that must be present. */
export function DnsStepFields(props: StepFieldsProps) {
  const { t } = useI18n();
  const { index, testId } = props;
  return (
    <>
      <Row gutter={16}>
        <Col xs={24} md={10}>
          <Form.Item name={[index, 'query']} label={t('field.dnsName')} required>
            <Input placeholder="www.10086.cn" data-testid={`${testId}-dns-name`} />
          </Form.Item>
        </Col>
        <Col xs={8} md={4}>
          <Form.Item name={[index, 'recordType']} label={t('field.recordType')}>
            <Select options={RECORD_TYPE_OPTIONS} data-testid={`${testId}-record-type`} />
          </Form.Item>
        </Col>
        <Col xs={16} md={5}>
          <Form.Item name={[index, 'resolver']} label={t('field.resolver')}>
            <Input placeholder={t('field.resolverPlaceholder')} data-testid={`${testId}-resolver`} />
          </Form.Item>
        </Col>
        <Col xs={12} md={5}>
          <TimeoutField {...props} />
        </Col>
      </Row>
      <Form.Item
        name={[index, 'expectAnswers']}
        label={t('field.expectAnswers')}
        extra={t('field.expectAnswersHelp')}
      >
        <Select
          mode="tags"
          open={false}
          suffixIcon={null}
          tokenSeparators={[',', ' ']}
          placeholder="203.0.113.10"
          data-testid={`${testId}-expect-answers`}
        />
      </Form.Item>
    </>
  );
}
