import type { Indicator } from '@ganzhi/contracts';
import { Alert, Col, Form, Input, InputNumber, Row, Select, Switch, Typography, message } from 'antd';
import { useEffect } from 'react';
import { FormDrawer } from '../../../components/form-drawer';
import { ApiError } from '../../../lib/api-error';
import { useI18n } from '../../../lib/i18n';
import { describeError, describeIssue } from '../../../lib/server-text';
import { useSaveIndicator } from '../api/quality-api';
import { NEW_INDICATOR, fieldNameOf, formValuesOf, type IndicatorFormValues } from '../indicator-form';

const LAYERS = ['resource', 'platform', 'experience'] as const;
const FAMILIES = ['efficiency', 'reliability', 'usability', 'integrity', 'capacity'] as const;
const SOURCES = ['probe', 'transactions', 'resource', 'external'] as const;
const DIMENSIONS = ['system_ops', 'business_ops', 'customer_perception'] as const;

/** Edits a built-in indicator (saved as an override) or a custom one; the server's checks land on their fields. */
export function IndicatorEditDrawer({
  indicator,
  open,
  onClose,
}: {
  readonly indicator: Indicator | null;
  readonly open: boolean;
  readonly onClose: () => void;
}) {
  const { t } = useI18n();
  const [form] = Form.useForm<IndicatorFormValues>();
  const save = useSaveIndicator();
  const isNew = indicator === null;

  useEffect(() => {
    if (!open) return;
    form.resetFields();
    form.setFieldsValue(indicator ? formValuesOf(indicator) : NEW_INDICATOR);
  }, [open, indicator, form]);

  const onSubmit = async () => {
    const values = await form.validateFields();
    try {
      await save.mutateAsync({ ...(indicator ? formValuesOf(indicator) : NEW_INDICATOR), ...values });
      void message.success(t('indicators.saved'));
      onClose();
    } catch (error) {
      if (error instanceof ApiError && error.details.length > 0)
        form.setFields(
          error.details.map((issue) => ({
            name: fieldNameOf(issue.path),
            errors: [describeIssue(issue, t)],
          })) as Parameters<typeof form.setFields>[0],
        );
      else void message.error(describeError(error, t));
    }
  };

  const option = (prefix: string) => (value: string) => ({
    value,
    label: t(`${prefix}.${value}` as Parameters<typeof t>[0]),
  });

  return (
    <FormDrawer
      open={open}
      onClose={onClose}
      width={640}
      title={isNew ? t('indicators.new') : t('indicators.edit', { id: indicator.id })}
      onSubmit={() => void onSubmit()}
      submitting={save.isPending}
      submitLabel={t('indicators.save')}
      submitTestId="indicator-save"
      destroyOnHidden={false}
    >
      <Form form={form} layout="vertical" data-testid="indicator-form">
        {indicator?.builtin && (
          <Alert type="info" showIcon className="section-card" message={t('indicators.builtinHint')} />
        )}
        <Row gutter={12}>
          <Col span={12}>
            <Form.Item name="id" label={t('indicators.col.id')} rules={[{ required: true }]}>
              <Input disabled={!isNew} data-testid="indicator-id" />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="unit" label={t('indicators.col.unit')}>
              <Input />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name={['name', 'zh']} label={t('indicators.nameZh')} rules={[{ required: true }]}>
              <Input data-testid="indicator-name-zh" />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name={['name', 'en']} label={t('indicators.nameEn')} rules={[{ required: true }]}>
              <Input data-testid="indicator-name-en" />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item name="layer" label={t('indicators.col.layer')}>
              <Select options={LAYERS.map(option('quality.layer'))} />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item name="family" label={t('indicators.col.family')}>
              <Select options={FAMILIES.map(option('quality.family'))} />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item name="dimension" label={t('indicators.col.dimension')}>
              <Select options={DIMENSIONS.map(option('indicators.dimension'))} />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item name="source" label={t('drill.col.source')}>
              <Select options={SOURCES.map(option('drill.source'))} />
            </Form.Item>
          </Col>
          <Col span={16}>
            <Form.Item name="direction" label={t('indicators.direction')}>
              <Select
                options={[
                  { value: 'lower_is_better', label: t('indicators.lowerIsBetter') },
                  { value: 'higher_is_better', label: t('indicators.higherIsBetter') },
                ]}
              />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item
          name="formula"
          label={t('indicators.col.formula')}
          extra={<Typography.Text type="secondary">{t('indicators.formulaHint')}</Typography.Text>}
          rules={[{ required: true }]}
        >
          <Input.TextArea
            autoSize={{ minRows: 2 }}
            style={{ fontFamily: 'monospace' }}
            data-testid="indicator-formula"
          />
        </Form.Item>
        <Row gutter={12}>
          <Col span={8}>
            <Form.Item
              name={['thresholds', 'good']}
              label={t('indicators.good')}
              rules={[{ required: true }]}
            >
              <InputNumber style={{ width: '100%' }} data-testid="indicator-good" />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item name={['thresholds', 'tolerable']} label={t('indicators.tolerable')}>
              <InputNumber style={{ width: '100%' }} data-testid="indicator-tolerable" />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item name={['thresholds', 'bad']} label={t('indicators.bad')} rules={[{ required: true }]}>
              <InputNumber style={{ width: '100%' }} data-testid="indicator-bad" />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item name="interpolation" label={t('indicators.interpolation')}>
              <Select
                options={[
                  { value: 'log', label: 'log' },
                  { value: 'linear', label: 'linear' },
                ]}
              />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item name="minSamples" label={t('indicators.minSamples')}>
              <InputNumber min={1} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item name="weight" label={t('indicators.weight')}>
              <InputNumber min={0} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col span={6}>
            <Form.Item name="successPercent" label={t('indicators.successPercent')} valuePropName="checked">
              <Switch />
            </Form.Item>
          </Col>
          <Col span={6}>
            <Form.Item name="critical" label={t('drill.critical')} valuePropName="checked">
              <Switch />
            </Form.Item>
          </Col>
          <Col span={6}>
            <Form.Item name="outcome" label={t('indicators.outcome')} valuePropName="checked">
              <Switch />
            </Form.Item>
          </Col>
          <Col span={6}>
            <Form.Item name="enabled" label={t('indicators.enabled')} valuePropName="checked">
              <Switch />
            </Form.Item>
          </Col>
        </Row>
      </Form>
    </FormDrawer>
  );
}
