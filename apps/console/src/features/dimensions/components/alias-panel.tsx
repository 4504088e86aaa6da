import type { DimensionAlias, DimensionKind } from '@ganzhi/contracts';
import { PlusOutlined } from '@ant-design/icons';
import {
  Button,
  Empty,
  Form,
  type FormInstance,
  Input,
  Popconfirm,
  Segmented,
  Select,
  Table,
  Typography,
  message,
} from 'antd';
import { useState } from 'react';
import { ApiError } from '../../../lib/api-error';
import { useI18n } from '../../../lib/i18n';
import { useDimensions } from '../api/dimension-api';
import { useDeleteAlias, useSaveDimensions } from '../api/dimension-edit-api';
import { ALIAS_KINDS, aliasCountsByKind, aliasesOfKind } from '../alias-list';
import { fieldOfIssue, messageOfIssue } from '../dimension-fields';
import { dimensionOptions, nameOfCode } from '../dimension-names';
import { useCanEditServiceModel } from '../use-can-edit-service-model';

type AliasFormValues = Pick<DimensionAlias, 'alias' | 'code'>;
type FieldErrors = Parameters<FormInstance<AliasFormValues>['setFields']>[0];

/**
 * Aliases map the spellings found in source data (`营业厅A`, `WEB`, `0731`) to codes, so records are not rejected.
 * One kind at a time: the switch chooses both the list shown and the kind a new alias is added to.
 */
export function AliasPanel() {
  const { t, locale } = useI18n();
  const dimensions = useDimensions();
  const save = useSaveDimensions();
  const remove = useDeleteAlias();
  const [kind, setKind] = useState<DimensionKind>('channel');
  const [form] = Form.useForm<AliasFormValues>();
  const counts = aliasCountsByKind(dimensions.data?.aliases);
  const canEdit = useCanEditServiceModel();

  const onAdd = async () => {
    const values = await form.validateFields();
    try {
      await save.mutateAsync({ aliases: [{ kind, ...values }] });
      void message.success(t('dimensions.saved'));
      form.resetFields(['alias']);
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      const placed = error.details.flatMap((issue): FieldErrors => {
        const field = fieldOfIssue('aliases', issue.path);
        return field === 'code' || field === 'alias'
          ? [{ name: field, errors: [messageOfIssue(field, issue.message, t)] }]
          : [];
      });
      if (placed.length > 0) form.setFields(placed);
      else void message.error(error.message);
    }
  };

  return (
    <>
      <Typography.Paragraph type="secondary">{t('dimensions.aliasHint')}</Typography.Paragraph>
      <Segmented
        value={kind}
        onChange={(value) => {
          setKind(value);
          form.resetFields(['code']);
        }}
        options={ALIAS_KINDS.map((value) => ({
          value,
          label: `${t(`dimensions.kind.${value}`)} ${counts[value]}`,
        }))}
        style={{ marginBottom: 12 }}
        data-testid="alias-kind"
      />
      {canEdit && (
        <Form form={form} layout="inline" style={{ marginBottom: 12, rowGap: 8 }} data-testid="alias-form">
          <Form.Item name="alias" rules={[{ required: true, message: t('dimensions.aliasRequired') }]}>
            <Input
              placeholder={t('dimensions.aliasPlaceholder')}
              style={{ width: 300 }}
              data-testid="alias-input"
            />
          </Form.Item>
          <Form.Item name="code" rules={[{ required: true, message: t('dimensions.codeRequired') }]}>
            <Select
              showSearch
              optionFilterProp="label"
              style={{ width: 260 }}
              placeholder={t('dimensions.aliasTarget')}
              options={dimensionOptions(dimensions.data, kind, locale).map((option) => ({
                value: option.value,
                title: option.value,
                label: `${'\u3000'.repeat(option.depth)}${option.label} (${option.value})`,
              }))}
              data-testid="alias-code"
            />
          </Form.Item>
          <Button
            type="primary"
            icon={<PlusOutlined />}
            loading={save.isPending}
            onClick={() => void onAdd()}
            data-testid="alias-add"
          >
            {t('dimensions.addAlias')}
          </Button>
        </Form>
      )}
      <Table<DimensionAlias>
        size="small"
        rowKey={(alias) => `${alias.kind}|${alias.alias}`}
        dataSource={aliasesOfKind(dimensions.data?.aliases, kind)}
        loading={dimensions.isPending}
        pagination={{ pageSize: 20, hideOnSinglePage: true }}
        locale={{ emptyText: <Empty description={t('dimensions.aliasEmpty')} /> }}
        data-testid="alias-table"
        columns={[
          { title: t('dimensions.alias'), dataIndex: 'alias', width: '40%' },
          {
            title: t('dimensions.means'),
            key: 'code',
            render: (_, alias) =>
              `${nameOfCode(dimensions.data, { kind: alias.kind, code: alias.code, locale })} (${alias.code})`,
          },
          {
            title: '',
            key: 'delete',
            width: 90,
            render: (_, alias) =>
              canEdit && (
                <Popconfirm
                  title={t('dimensions.deleteAlias')}
                  onConfirm={() =>
                    remove.mutate(
                      { kind: alias.kind, alias: alias.alias },
                      { onSuccess: () => void message.success(t('dimensions.aliasDeleted')) },
                    )
                  }
                >
                  <Button type="link" size="small" danger data-testid="alias-delete">
                    {t('common.delete')}
                  </Button>
                </Popconfirm>
              ),
          },
        ]}
      />
    </>
  );
}
