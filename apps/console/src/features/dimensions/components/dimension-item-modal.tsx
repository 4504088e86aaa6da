import type { Dimensions } from '@ganzhi/contracts';
import { Alert, Form, Input, InputNumber, Modal, Select, message } from 'antd';
import { useEffect, useState } from 'react';
import { ApiError } from '../../../lib/api-error';
import { useI18n } from '../../../lib/i18n';
import { useSaveDimensions } from '../api/dimension-edit-api';
import {
  fieldOfIssue,
  formValuesOf,
  inputFor,
  itemOfFormValues,
  messageOfIssue,
  type DimensionFormValues,
  type DimensionItem,
  type DimensionList,
} from '../dimension-fields';
import { dimensionOptions } from '../dimension-names';

const BUSINESS_TYPES = ['query', 'transaction', 'recharge', 'delivery'] as const;
const LEVELS = ['province', 'city', 'county'] as const;

/** Adds or edits one channel, business, region, system or segment; server problems land on their fields. */
export function DimensionItemModal({
  editing,
  dimensions,
  onClose,
}: {
  readonly editing: { readonly list: DimensionList; readonly item: DimensionItem | null } | null;
  readonly dimensions: Dimensions | undefined;
  readonly onClose: () => void;
}) {
  const { t, locale } = useI18n();
  const [form] = Form.useForm<DimensionFormValues>();
  const save = useSaveDimensions();
  const [summary, setSummary] = useState<string[]>([]);
  const list = editing?.list;

  useEffect(() => {
    if (!editing) return;
    form.resetFields();
    setSummary([]);
    form.setFieldsValue(
      formValuesOf(editing.list, { item: editing.item, regions: dimensions?.regions ?? [] }),
    );
    // Only a new opening resets the form: a refetch of the dimensions while it is open must not wipe the input.
  }, [editing, form]);

  const onOk = async () => {
    if (!list) return;
    const values = await form.validateFields();
    try {
      await save.mutateAsync(inputFor(list, itemOfFormValues(list, values)));
      void message.success(t('dimensions.saved'));
      onClose();
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      const placed = error.details.flatMap((issue) => {
        const field = fieldOfIssue(list, issue.path);
        return field ? [{ name: field, errors: [messageOfIssue(field, issue.message, t)] }] : [];
      });
      form.setFields(placed);
      setSummary(
        error.details
          .filter((issue) => !fieldOfIssue(list, issue.path))
          .map((issue) => `${issue.path}: ${issue.message}`),
      );
      if (error.details.length === 0) setSummary([error.message]);
    }
  };

  return (
    <Modal
      open={editing !== null}
      title={
        list
          ? t(editing?.item ? 'dimensions.editTitle' : 'dimensions.addTitle', {
              kind: t(`dimensions.tab.${list}`),
            })
          : ''
      }
      onCancel={onClose}
      onOk={() => void onOk()}
      confirmLoading={save.isPending}
      okButtonProps={{ 'data-testid': 'dimension-save' }}
      destroyOnHidden
    >
      {summary.length > 0 && (
        <Alert type="error" showIcon className="section-card" message={summary.join('; ')} />
      )}
      <Form form={form} layout="vertical" data-testid="dimension-form">
        <Form.Item
          name="code"
          label={t('dimensions.code')}
          rules={[{ required: true }]}
          extra={t('dimensions.codeHint')}
        >
          <Input
            disabled={editing?.item !== null && editing?.item !== undefined}
            data-testid="dimension-code"
          />
        </Form.Item>
        <Form.Item name="nameZh" label={t('dimensions.nameZh')} rules={[{ required: true }]}>
          <Input data-testid="dimension-name-zh" />
        </Form.Item>
        <Form.Item name="nameEn" label={t('dimensions.nameEn')} rules={[{ required: true }]}>
          <Input data-testid="dimension-name-en" />
        </Form.Item>
        {list === 'businesses' && (
          <>
            <Form.Item name="type" label={t('dimensions.type')}>
              <Select
                options={BUSINESS_TYPES.map((value) => ({ value, label: t(`dimensions.type.${value}`) }))}
              />
            </Form.Item>
            <Form.Item
              name="slaSeconds"
              label={t('dimensions.slaSeconds')}
              extra={t('dimensions.slaSecondsHint')}
            >
              <InputNumber
                style={{ width: '100%' }}
                addonAfter={t('dimensions.secondsUnit')}
                data-testid="dimension-sla"
              />
            </Form.Item>
            <Form.Item name="systems" label={t('dimensions.systems')} extra={t('dimensions.systemsHint')}>
              <Select
                mode="multiple"
                allowClear
                options={dimensionOptions(dimensions, 'system', locale).map((option) => ({
                  value: option.value,
                  label: option.label,
                }))}
              />
            </Form.Item>
          </>
        )}
        {list === 'regions' && (
          <>
            <Form.Item name="level" label={t('dimensions.level')}>
              <Select options={LEVELS.map((value) => ({ value, label: t(`dimensions.level.${value}`) }))} />
            </Form.Item>
            <Form.Item name="parentCode" label={t('dimensions.parent')}>
              <Select
                allowClear
                showSearch
                optionFilterProp="label"
                options={dimensionOptions(dimensions, 'region', locale).map((option) => ({
                  value: option.value,
                  label: option.label,
                }))}
              />
            </Form.Item>
          </>
        )}
        {list === 'systems' && (
          <Form.Item
            name="plannedPercent"
            label={t('dimensions.plannedPercent')}
            extra={t('dimensions.plannedPercentHint')}
          >
            <InputNumber step={5} style={{ width: '100%' }} addonAfter="%" data-testid="dimension-planned" />
          </Form.Item>
        )}
      </Form>
    </Modal>
  );
}
