import type { Service } from '@ganzhi/contracts';
import { Space, Table, Tag, Typography } from 'antd';
import { LoadError } from '../../../components/load-error';
import { useI18n } from '../../../lib/i18n';
import { filterableColumn, sortableColumn } from '../../../lib/list-columns';
import { useListState } from '../../../lib/use-list-params';
import { useServerTable } from '../../../lib/use-server-table';
import { useDimensions } from '../api/dimension-api';
import { useServicePage } from '../api/dimension-edit-api';
import { nameOfCode } from '../dimension-names';

const DEFAULT_SORT = 'business:asc';
const SOURCES = ['probe', 'transactions'] as const;

/** Services (business × channel) as the server derives them from measurements, a page at a time: read-only. */
export function ServicesPanel() {
  const { t, locale } = useI18n();
  // Kept in the component: the dimensions page's tabs share one URL.
  const table = useServerTable<Service>({
    list: useListState({ defaultPageSize: 20 }),
    pageSizes: [20, 50, 100],
    columnFilters: ['source'],
  });
  const { params } = table;
  const services = useServicePage(table.query);
  const dimensions = useDimensions();
  return (
    <>
      <Typography.Paragraph type="secondary">{t('dimensions.servicesHint')}</Typography.Paragraph>
      {services.error && <LoadError error={services.error} onRetry={() => void services.refetch()} />}
      <Table<Service>
        size="small"
        rowKey={(service) => `${service.business}|${service.channel}`}
        {...table.tableProps(services)}
        data-testid="services-table"
        columns={[
          {
            title: t('dimensions.kind.business'),
            key: 'business',
            ...sortableColumn('business', { params, fallback: DEFAULT_SORT }),
            render: (_, service) =>
              nameOfCode(dimensions.data, { kind: 'business', code: service.business, locale }),
          },
          {
            title: t('dimensions.kind.channel'),
            key: 'channel',
            ...sortableColumn('channel', { params, fallback: DEFAULT_SORT }),
            render: (_, service) =>
              nameOfCode(dimensions.data, { kind: 'channel', code: service.channel, locale }),
          },
          {
            title: t('dimensions.sources'),
            key: 'source',
            ...filterableColumn('source', {
              params,
              multiple: false,
              choices: SOURCES.map((source) => ({ text: t(`drill.source.${source}`), value: source })),
            }),
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
    </>
  );
}
