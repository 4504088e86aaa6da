import type { Indicator } from '@ganzhi/contracts';
import {
  Button,
  Card,
  Input,
  Popconfirm,
  Segmented,
  Select,
  Space,
  Table,
  Tag,
  Typography,
  message,
} from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useState } from 'react';
import { ColumnTitle } from '../../../components/column-title';
import { LoadError } from '../../../components/load-error';
import { PageHeader } from '../../../components/page-header';
import { useI18n } from '../../../lib/i18n';
import { sortableColumn } from '../../../lib/list-columns';
import type { ListParamOptions } from '../../../lib/list-params';
import { useListParams } from '../../../lib/use-list-params';
import { useServerTable } from '../../../lib/use-server-table';
import { usePermissions } from '../../auth';
import { useIndicatorPage, useIndicatorValues, useIndicators, useResetIndicator } from '../api/quality-api';
import { IndicatorCurrentValueCell } from './indicator-current-value';
import { IndicatorEditDrawer } from './indicator-edit-drawer';
import { ThresholdRuleText } from './threshold-rule-text';

const LAYER_COLORS = { resource: 'purple', platform: 'geekblue', experience: 'cyan' } as const;

/** The catalogue's URL parameters. */
const LIST_OPTIONS: ListParamOptions = {
  filterNames: ['layer', 'family', 'text'],
  defaultPageSize: 20,
  pageSizes: [20, 50, 100],
};
const DEFAULT_SORT = 'catalogue:asc';

/** The indicator catalogue: every definition by layer, family and source, editable, with custom ones added. */
export function IndicatorListPage() {
  const { t, locale } = useI18n();
  // Every definition for the per-layer counts; the table shows the server's page.
  const indicators = useIndicators();
  const table = useServerTable<Indicator>({
    list: useListParams(LIST_OPTIONS),
    pageSizes: LIST_OPTIONS.pageSizes,
  });
  const { list, params } = table;
  const page = useIndicatorPage(table.query);
  const reset = useResetIndicator();
  const [editing, setEditing] = useState<{ indicator: Indicator | null } | null>(null);
  const count = (value: string) =>
    (indicators.data ?? []).filter((indicator) => indicator.layer === value).length;

  const permissions = usePermissions();
  const canEdit = permissions.can('indicators:write');
  const values = useIndicatorValues({ enabled: permissions.can('scores:read') });
  const currentOf = (id: string) => values.data?.items.find((item) => item.indicatorId === id);

  return (
    <>
      <PageHeader
        title={t('indicators.title')}
        subTitle={t('indicators.count', { count: indicators.data?.length ?? 0 })}
        extra={
          canEdit && (
            <Button
              type="primary"
              icon={<PlusOutlined />}
              onClick={() => setEditing({ indicator: null })}
              data-testid="indicator-new"
            >
              {t('indicators.new')}
            </Button>
          )
        }
      />
      {indicators.error && <LoadError error={indicators.error} onRetry={() => void indicators.refetch()} />}
      {page.error && <LoadError error={page.error} onRetry={() => void page.refetch()} />}
      <Card size="small" className="section-card">
        <Space wrap style={{ marginBottom: 12 }}>
          <Segmented
            value={params.filters.layer ?? 'all'}
            onChange={(value) => list.setFilters({ layer: value === 'all' ? null : String(value) })}
            options={[
              { value: 'all', label: t('indicators.allLayers') },
              ...(['experience', 'platform', 'resource'] as const).map((value) => ({
                value,
                label: `${t(`quality.layer.${value}`)} ${count(value)}`,
              })),
            ]}
          />
          <Select
            allowClear
            style={{ minWidth: 140 }}
            placeholder={t('indicators.col.family')}
            value={params.filters.family}
            onChange={(value: string | undefined) => list.setFilters({ family: value ?? null })}
            options={(['efficiency', 'reliability', 'usability', 'integrity', 'capacity'] as const).map(
              (value) => ({
                value,
                label: t(`quality.family.${value}`),
              }),
            )}
          />
          <Input.Search
            allowClear
            placeholder={t('indicators.search')}
            defaultValue={params.filters.text}
            // Remounted when the URL changes elsewhere (back button), so the box shows what is applied.
            key={`text-${params.filters.text ?? ''}`}
            onSearch={(value) => list.setFilters({ text: value.trim() })}
            style={{ width: 260 }}
          />
        </Space>
        <Table<Indicator>
          size="small"
          rowKey="id"
          {...table.tableProps(page)}
          data-testid="indicators-table"
          className="nowrap-table"
          columns={[
            {
              title: t('indicators.col.name'),
              key: 'name',
              render: (_, indicator) => (
                <Space direction="vertical" size={0}>
                  <Typography.Text strong>
                    {locale === 'zh-CN' ? indicator.name.zh : indicator.name.en}
                  </Typography.Text>
                  <Typography.Text
                    type="secondary"
                    code
                    className="nowrap-ellipsis indicator-id"
                    title={indicator.id}
                  >
                    {indicator.id}
                  </Typography.Text>
                </Space>
              ),
            },
            {
              title: <ColumnTitle title={t('indicators.col.current')} help={t('indicators.current.help')} />,
              key: 'current',
              render: (_, indicator) => (
                <IndicatorCurrentValueCell
                  indicator={indicator}
                  current={currentOf(indicator.id)}
                  loading={values.isLoading}
                />
              ),
            },
            {
              title: t('indicators.col.layer'),
              key: 'layer',
              ...sortableColumn('layer', { params, fallback: DEFAULT_SORT }),
              render: (_, indicator) => (
                <Tag color={LAYER_COLORS[indicator.layer]}>{t(`quality.layer.${indicator.layer}`)}</Tag>
              ),
            },
            {
              title: t('indicators.col.family'),
              key: 'family',
              ...sortableColumn('family', { params, fallback: DEFAULT_SORT }),
              render: (_, indicator) => t(`quality.family.${indicator.family}`),
            },
            {
              title: t('drill.col.source'),
              key: 'source',
              render: (_, indicator) => t(`drill.source.${indicator.source}`),
            },
            {
              title: t('indicators.col.formula'),
              key: 'formula',
              className: 'cell-wrap',
              render: (_, indicator) => (
                // Formulas wrap between their terms, never inside a measurement's name.
                <Typography.Text code style={{ fontSize: 12, wordBreak: 'keep-all', overflowWrap: 'normal' }}>
                  {indicator.formula}
                </Typography.Text>
              ),
            },
            {
              title: <ColumnTitle title={t('indicators.col.rule')} help={t('indicators.rule.help')} />,
              key: 'thresholds',
              render: (_, indicator) => <ThresholdRuleText indicator={indicator} />,
            },
            {
              title: t('indicators.col.state'),
              key: 'state',
              render: (_, indicator) => (
                <Space size={2} wrap>
                  {!indicator.enabled && <Tag>{t('indicators.disabled')}</Tag>}
                  {indicator.critical && <Tag color="gold">{t('drill.critical')}</Tag>}
                  {indicator.outcome && <Tag>{t('indicators.outcome')}</Tag>}
                  {!indicator.builtin && <Tag color="blue">{t('indicators.custom')}</Tag>}
                  {indicator.modified && <Tag color="orange">{t('indicators.modified')}</Tag>}
                </Space>
              ),
            },
            {
              title: '',
              key: 'actions',
              render: (_, indicator) =>
                canEdit && (
                  <Space size={4}>
                    <Button
                      size="small"
                      type="link"
                      onClick={() => setEditing({ indicator })}
                      data-testid={`indicator-edit-${indicator.id}`}
                    >
                      {t('common.edit')}
                    </Button>
                    {(indicator.modified || !indicator.builtin) && (
                      <Popconfirm
                        title={
                          indicator.builtin ? t('indicators.resetConfirm') : t('indicators.deleteConfirm')
                        }
                        onConfirm={() =>
                          reset.mutate(indicator.id, {
                            onSuccess: () => void message.success(t('indicators.saved')),
                          })
                        }
                      >
                        <Button size="small" type="link" danger>
                          {indicator.builtin ? t('indicators.reset') : t('common.delete')}
                        </Button>
                      </Popconfirm>
                    )}
                  </Space>
                ),
            },
          ]}
        />
      </Card>
      <IndicatorEditDrawer
        indicator={editing?.indicator ?? null}
        open={editing !== null}
        onClose={() => setEditing(null)}
      />
    </>
  );
}
