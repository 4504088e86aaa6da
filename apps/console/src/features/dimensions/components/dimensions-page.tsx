import type { DimensionAlias, DimensionKind, Service } from '@ganzhi/contracts';
import { PlusOutlined } from '@ant-design/icons';
import { Button, Card, Form, Input, Popconfirm, Select, Space, Table, Tabs, Tag, message } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useState } from 'react';
import { LoadError } from '../../../components/load-error';
import { PageHeader } from '../../../components/page-header';
import { ApiError } from '../../../lib/api-error';
import { useI18n } from '../../../lib/i18n';
import { useDimensions } from '../api/dimension-api';
import { useDeleteAlias, useSaveDimensions, useServices } from '../api/dimension-edit-api';
import { DIMENSION_LISTS, fieldOfIssue, type DimensionItem, type DimensionList } from '../dimension-fields';
import { dimensionOptions, displayNameOf, nameOfCode } from '../dimension-names';
import { DimensionItemModal } from './dimension-item-modal';

const KINDS: readonly DimensionKind[] = ['channel', 'business', 'region', 'segment', 'system'];

/** The service model, editable: channels, businesses with SLA, the region tree, systems, segments, aliases, services. */
export function DimensionsPage() {
  const { t, locale } = useI18n();
  const dimensions = useDimensions();
  const [editing, setEditing] = useState<{ list: DimensionList; item: DimensionItem | null } | null>(null);

  const extraColumns = (list: DimensionList): ColumnsType<DimensionItem> => {
    if (list === 'businesses')
      return [
        {
          title: t('dimensions.type'),
          key: 'type',
          render: (_, item) => ('type' in item ? t(`dimensions.type.${item.type}`) : ''),
        },
        {
          title: t('dimensions.systems'),
          key: 'systems',
          render: (_, item) =>
            'systems' in item
              ? item.systems
                  .map((code) => nameOfCode(dimensions.data, { kind: 'system', code, locale }))
                  .join('、')
              : '',
        },
        {
          title: t('dimensions.slaMs'),
          key: 'sla',
          align: 'right',
          render: (_, item) => ('slaMs' in item && item.slaMs !== null ? `${item.slaMs / 1000} s` : '—'),
        },
      ];
    if (list === 'regions')
      return [
        {
          title: t('dimensions.level'),
          key: 'level',
          render: (_, item) => ('level' in item ? t(`dimensions.level.${item.level}`) : ''),
        },
        {
          title: t('dimensions.parent'),
          key: 'parent',
          render: (_, item) =>
            'parentCode' in item && item.parentCode
              ? nameOfCode(dimensions.data, { kind: 'region', code: item.parentCode, locale })
              : '—',
        },
      ];
    if (list === 'systems')
      return [
        {
          title: t('dimensions.plannedUtilisation'),
          key: 'u',
          align: 'right',
          render: (_, item) =>
            'plannedUtilisation' in item ? `${Math.round(item.plannedUtilisation * 100)} %` : '',
        },
      ];
    return [];
  };

  const listTab = (list: DimensionList) => ({
    key: list,
    label: `${t(`dimensions.tab.${list}`)} ${dimensions.data?.[list].length ?? ''}`,
    children: (
      <>
        <Button
          icon={<PlusOutlined />}
          onClick={() => setEditing({ list, item: null })}
          style={{ marginBottom: 12 }}
          data-testid={`dimension-add-${list}`}
        >
          {t('dimensions.add')}
        </Button>
        <Table<DimensionItem>
          size="small"
          rowKey="code"
          dataSource={[...(dimensions.data?.[list] ?? [])]}
          loading={dimensions.isPending}
          pagination={{ pageSize: 20, hideOnSinglePage: true }}
          data-testid={`dimension-table-${list}`}
          columns={[
            { title: t('dimensions.code'), dataIndex: 'code', render: (code: string) => <Tag>{code}</Tag> },
            { title: t('dimensions.name'), key: 'name', render: (_, item) => displayNameOf(item, locale) },
            ...extraColumns(list),
            {
              title: '',
              key: 'edit',
              render: (_, item) => (
                <Button type="link" size="small" onClick={() => setEditing({ list, item })}>
                  {t('common.edit')}
                </Button>
              ),
            },
          ]}
        />
      </>
    ),
  });

  return (
    <>
      <PageHeader title={t('dimensions.title')} subTitle={t('dimensions.subtitle')} />
      {dimensions.error && <LoadError error={dimensions.error} onRetry={() => void dimensions.refetch()} />}
      <Card size="small" className="section-card">
        <Tabs
          items={[
            ...DIMENSION_LISTS.map(listTab),
            {
              key: 'aliases',
              label: `${t('dimensions.tab.aliases')} ${dimensions.data?.aliases.length ?? ''}`,
              children: <AliasPanel />,
            },
            { key: 'services', label: t('dimensions.tab.services'), children: <ServicesPanel /> },
          ]}
        />
      </Card>
      <DimensionItemModal editing={editing} dimensions={dimensions.data} onClose={() => setEditing(null)} />
    </>
  );
}

/** Aliases map the spellings found in source data (`营业厅A`, `WEB`, `0731`) to codes, so records are not rejected. */
function AliasPanel() {
  const { t, locale } = useI18n();
  const dimensions = useDimensions();
  const save = useSaveDimensions();
  const remove = useDeleteAlias();
  const [form] = Form.useForm<DimensionAlias>();
  const kind = Form.useWatch('kind', form) ?? 'channel';
  const onAdd = async () => {
    const alias = await form.validateFields();
    try {
      await save.mutateAsync({ aliases: [alias] });
      void message.success(t('dimensions.saved'));
      form.resetFields(['alias']);
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      form.setFields(
        error.details.flatMap((issue) => {
          const field = fieldOfIssue('aliases', issue.path);
          return field === 'code' || field === 'alias' || field === 'kind'
            ? [{ name: field, errors: [issue.message] }]
            : [];
        }),
      );
    }
  };
  return (
    <>
      <Form
        form={form}
        layout="inline"
        initialValues={{ kind: 'channel' }}
        style={{ marginBottom: 12 }}
        data-testid="alias-form"
      >
        <Form.Item name="kind">
          <Select
            style={{ width: 120 }}
            options={KINDS.map((value) => ({ value, label: t(`dimensions.kind.${value}`) }))}
          />
        </Form.Item>
        <Form.Item name="alias" rules={[{ required: true, message: t('dimensions.aliasRequired') }]}>
          <Input placeholder={t('dimensions.aliasPlaceholder')} data-testid="alias-input" />
        </Form.Item>
        <Form.Item name="code" rules={[{ required: true, message: t('dimensions.codeRequired') }]}>
          <Select
            showSearch
            optionFilterProp="label"
            style={{ width: 200 }}
            placeholder={t('dimensions.aliasTarget')}
            options={dimensionOptions(dimensions.data, kind, locale).map((option) => ({
              value: option.value,
              label: `${option.label} (${option.value})`,
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
      <Table<DimensionAlias>
        size="small"
        rowKey={(alias) => `${alias.kind}|${alias.alias}`}
        dataSource={[...(dimensions.data?.aliases ?? [])]}
        pagination={{ pageSize: 20, hideOnSinglePage: true }}
        data-testid="alias-table"
        columns={[
          {
            title: t('dimensions.kindColumn'),
            key: 'kind',
            render: (_, alias) => t(`dimensions.kind.${alias.kind}`),
          },
          { title: t('dimensions.alias'), dataIndex: 'alias' },
          {
            title: t('dimensions.means'),
            key: 'code',
            render: (_, alias) =>
              `${nameOfCode(dimensions.data, { kind: alias.kind, code: alias.code, locale })} (${alias.code})`,
          },
          {
            title: '',
            key: 'delete',
            render: (_, alias) => (
              <Popconfirm
                title={t('dimensions.deleteAlias')}
                onConfirm={() => remove.mutate({ kind: alias.kind, alias: alias.alias })}
              >
                <Button type="link" size="small" danger>
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

function ServicesPanel() {
  const { t, locale } = useI18n();
  const services = useServices();
  const dimensions = useDimensions();
  return (
    <Table<Service>
      size="small"
      rowKey={(service) => `${service.business}|${service.channel}`}
      dataSource={services.data ?? []}
      loading={services.isPending}
      pagination={{ pageSize: 20, hideOnSinglePage: true }}
      columns={[
        {
          title: t('dimensions.kind.business'),
          key: 'business',
          render: (_, service) =>
            nameOfCode(dimensions.data, { kind: 'business', code: service.business, locale }),
        },
        {
          title: t('dimensions.kind.channel'),
          key: 'channel',
          render: (_, service) =>
            nameOfCode(dimensions.data, { kind: 'channel', code: service.channel, locale }),
        },
        {
          title: t('dimensions.sources'),
          key: 'sources',
          render: (_, service) => (
            <Space size={4}>
              {service.sources.map((source) => (
                <Tag key={source} color={source === 'probe' ? 'blue' : 'green'}>
                  {t(source === 'probe' ? 'drill.source.probe' : 'drill.source.transactions')}
                </Tag>
              ))}
            </Space>
          ),
        },
      ]}
    />
  );
}
