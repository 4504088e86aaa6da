import type { Dimensions } from '@ganzhi/contracts';
import { PlusOutlined } from '@ant-design/icons';
import { Button, Card, Flex, Table, Tabs, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import { LoadError } from '../../../components/load-error';
import { PageHeader } from '../../../components/page-header';
import { useI18n } from '../../../lib/i18n';
import { useDimensions } from '../api/dimension-api';
import { DIMENSION_LISTS, type DimensionItem, type DimensionList } from '../dimension-fields';
import { displayNameOf } from '../dimension-names';
import { regionTreeOf, type RegionNode } from '../region-tree';
import { useCanEditServiceModel } from '../use-can-edit-service-model';
import { AliasPanel } from './alias-panel';
import { extraColumnsOf } from './dimension-columns';
import { DimensionItemModal } from './dimension-item-modal';
import { ServicesPanel } from './services-panel';

/** A table row: an item, with the regions under it when the list is the region tree. */
type ItemRow = DimensionItem & { readonly children?: ItemRow[] };

const rowOfNode = (node: RegionNode): ItemRow =>
  node.children.length > 0 ? { ...node.region, children: node.children.map(rowOfNode) } : node.region;

function rowsOf(dimensions: Dimensions | undefined, list: DimensionList): ItemRow[] {
  if (!dimensions) return [];
  return list === 'regions' ? regionTreeOf(dimensions.regions).map(rowOfNode) : [...dimensions[list]];
}

const TAB_KEYS = [...DIMENSION_LISTS, 'aliases', 'services'] as const;
type TabKey = (typeof TAB_KEYS)[number];

/** The service model, editable: channels, businesses with SLA, the region tree, systems, segments, aliases, services. */
export function DimensionsPage() {
  const { t, locale } = useI18n();
  const dimensions = useDimensions();
  const [params, setParams] = useSearchParams();
  const canEdit = useCanEditServiceModel();
  const [editing, setEditing] = useState<{ list: DimensionList; item: DimensionItem | null } | null>(null);
  // The tab is in the URL, so a link can open the aliases or services directly.
  const tab: TabKey = TAB_KEYS.find((key) => key === params.get('tab')) ?? 'channels';

  const listTab = (list: DimensionList) => ({
    key: list,
    label: `${t(`dimensions.tab.${list}`)} ${dimensions.data?.[list].length ?? ''}`,
    children: (
      <>
        <Flex justify="space-between" align="center" gap={16} style={{ marginBottom: 12 }}>
          <Typography.Text type="secondary">
            {list === 'regions' ? t('dimensions.regionsHint') : null}
          </Typography.Text>
          {canEdit && (
            <Button
              icon={<PlusOutlined />}
              onClick={() => setEditing({ list, item: null })}
              data-testid={`dimension-add-${list}`}
            >
              {t('dimensions.add')}
            </Button>
          )}
        </Flex>
        <Table<ItemRow>
          // Remounted when the data arrives, so the region tree opens fully expanded.
          key={dimensions.data ? 'ready' : 'loading'}
          size="small"
          rowKey="code"
          dataSource={rowsOf(dimensions.data, list)}
          loading={dimensions.isPending}
          expandable={{ defaultExpandAllRows: true }}
          pagination={{ pageSize: 20, hideOnSinglePage: true }}
          data-testid={`dimension-table-${list}`}
          columns={[
            {
              title: t('dimensions.name'),
              key: 'name',
              render: (_, item) => displayNameOf(item, locale),
            },
            { title: t('dimensions.code'), dataIndex: 'code', render: (code: string) => <Tag>{code}</Tag> },
            ...extraColumnsOf(list, { t, locale, dimensions: dimensions.data }),
            ...(canEdit
              ? [
                  {
                    title: '',
                    key: 'edit',
                    width: 90,
                    render: (_: unknown, item: ItemRow) => (
                      <Button type="link" size="small" onClick={() => setEditing({ list, item })}>
                        {t('common.edit')}
                      </Button>
                    ),
                  },
                ]
              : []),
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
          activeKey={tab}
          onChange={(key) => setParams(key === 'channels' ? {} : { tab: key }, { replace: true })}
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
