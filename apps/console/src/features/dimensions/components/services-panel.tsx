import type { Service } from '@ganzhi/contracts';
import { Space, Table, Tag, Typography } from 'antd';
import { LoadError } from '../../../components/load-error';
import { useI18n } from '../../../lib/i18n';
import { useDimensions } from '../api/dimension-api';
import { useServices } from '../api/dimension-edit-api';
import { nameOfCode } from '../dimension-names';

/** Services (business × channel) as the server derives them from measurements: read-only. */
export function ServicesPanel() {
  const { t, locale } = useI18n();
  const services = useServices();
  const dimensions = useDimensions();
  return (
    <>
      <Typography.Paragraph type="secondary">{t('dimensions.servicesHint')}</Typography.Paragraph>
      {services.error && <LoadError error={services.error} onRetry={() => void services.refetch()} />}
      <Table<Service>
        size="small"
        rowKey={(service) => `${service.business}|${service.channel}`}
        dataSource={services.data ?? []}
        loading={services.isPending}
        pagination={{ pageSize: 20, hideOnSinglePage: true }}
        data-testid="services-table"
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
    </>
  );
}
