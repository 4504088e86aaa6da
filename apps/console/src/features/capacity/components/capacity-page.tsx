import type { HostCapacity, SystemCapacity } from '@ganzhi/contracts';
import { Alert, Button, Card, DatePicker, Space, Table, Tag, Tooltip, Typography } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { ChartPanel } from '../../../components/chart-panel';
import { ColumnTitle } from '../../../components/column-title';
import { LoadError } from '../../../components/load-error';
import { PageHeader } from '../../../components/page-header';
import { useI18n } from '../../../lib/i18n';
import { usePermissions } from '../../auth';
import { useCapacity } from '../api/capacity-api';
import {
  CAPACITY_BAND_COLORS,
  bandOfCapabilityIndex,
  bandOfRunningIndex,
  formatSignedIndex,
} from '../capacity-bands';
import { buildCpuProfileOption, buildIndexBarsOption } from '../charts/capacity-chart-options';
import { CAPACITY_BOUND_TEXT, CapacityExplanation } from './capacity-explanation';
import { CapacitySettingsModal } from './capacity-settings-modal';

/** Running index and capability index per system and month (S000), with the busiest day's CPU behind each. */
export function CapacityPage() {
  const { t, locale } = useI18n();
  const canEdit = usePermissions().can('capacity:write');
  const [month, setMonth] = useState(() => dayjs().format('YYYY-MM'));
  const capacity = useCapacity(month);
  const [editing, setEditing] = useState<SystemCapacity | null>(null);
  const systems = capacity.data?.systems ?? [];
  const nameOf = (system: SystemCapacity) => (locale === 'zh-CN' ? system.nameZh : system.nameEn);

  return (
    <>
      <PageHeader
        title={t('capacity.title')}
        subTitle={t('capacity.subtitle')}
        extra={
          <DatePicker
            picker="month"
            allowClear={false}
            value={dayjs(`${month}-01`)}
            disabledDate={(date) => date.isAfter(dayjs(), 'month')}
            onChange={(value) => value && setMonth(value.format('YYYY-MM'))}
            data-testid="capacity-month"
          />
        }
      />
      {capacity.error && <LoadError error={capacity.error} onRetry={() => void capacity.refetch()} />}
      <Card size="small" className="section-card" title={t('capacity.indices')}>
        <ChartPanel
          option={buildIndexBarsOption(systems, { names: systems.map(nameOf), t })}
          heightPx={Math.max(180, systems.length * 44 + 60)}
          testId="capacity-bars"
        />
        <Typography.Text type="secondary">{t('capacity.formula')}</Typography.Text>
      </Card>
      <CapacityExplanation />
      <Card size="small" className="section-card">
        <Table<SystemCapacity>
          size="small"
          rowKey="system"
          dataSource={systems}
          loading={capacity.isPending}
          pagination={false}
          data-testid="capacity-table"
          className="nowrap-table"
          expandable={{
            expandedRowRender: (system) => <SystemDetail system={system} />,
            rowExpandable: (system) => system.runningIndex !== null || system.hosts.length > 0,
          }}
          columns={[
            {
              title: t('capacity.col.system'),
              key: 'name',
              render: (_, system) => <Typography.Text strong>{nameOf(system)}</Typography.Text>,
            },
            {
              title: t('capacity.col.plannedUtilisation'),
              key: 'u',
              width: 110,
              align: 'right',
              render: (_, system) => `${Math.round(system.plannedUtilisation * 100)} %`,
            },
            {
              title: (
                <ColumnTitle
                  title={t('capacity.runningIndex')}
                  help={t('capacity.runningIndexHelp', CAPACITY_BOUND_TEXT.running)}
                />
              ),
              key: 'r',
              width: 130,
              render: (_, system) =>
                system.runningIndex ? (
                  <Tooltip
                    title={t('capacity.busyMinutes', {
                      busy: system.runningIndex.busyMinutes,
                      total: system.runningIndex.daytimeMinutes,
                    })}
                  >
                    <Tag
                      color={CAPACITY_BAND_COLORS[bandOfRunningIndex(system.runningIndex.index)]}
                      data-testid={`running-${system.system}`}
                    >
                      {system.runningIndex.index.toFixed(2)}
                    </Tag>
                  </Tooltip>
                ) : (
                  <Typography.Text type="secondary">{t('capacity.noCpu')}</Typography.Text>
                ),
            },
            {
              title: t('capacity.col.busiestDay'),
              key: 'day',
              render: (_, system) => system.runningIndex?.busiestDay ?? '—',
            },
            {
              title: (
                <ColumnTitle
                  title={t('capacity.capabilityIndex')}
                  help={t('capacity.capabilityIndexHelp', CAPACITY_BOUND_TEXT.capability)}
                />
              ),
              key: 'c',
              render: (_, system) =>
                system.capabilityIndex !== null ? (
                  <Tag
                    color={CAPACITY_BAND_COLORS[bandOfCapabilityIndex(system.capabilityIndex)]}
                    data-testid={`capability-${system.system}`}
                  >
                    {formatSignedIndex(system.capabilityIndex)}
                  </Tag>
                ) : (
                  <Typography.Text type="secondary">
                    {system.capabilityMissing ? t(`capacity.missing.${system.capabilityMissing.code}`) : '—'}
                  </Typography.Text>
                ),
            },
            {
              title: <ColumnTitle title={t('capacity.col.pa')} help={t('capacity.col.paHelp')} />,
              key: 'tpmc',
              align: 'right',
              render: (_, system) =>
                `${system.settings.plannedTpmc?.toLocaleString(locale) ?? '—'} / ${system.settings.configuredTpmc?.toLocaleString(locale) ?? '—'}`,
            },
            {
              title: t('capacity.col.hosts'),
              key: 'hosts',
              align: 'right',
              render: (_, system) => system.hosts.length,
            },
            {
              title: '',
              key: 'actions',
              render: (_, system) =>
                canEdit && (
                  <Button
                    size="small"
                    type="link"
                    onClick={() => setEditing(system)}
                    data-testid={`capacity-edit-${system.system}`}
                  >
                    {t('capacity.settings')}
                  </Button>
                ),
            },
          ]}
        />
      </Card>
      <CapacitySettingsModal system={editing} onClose={() => setEditing(null)} />
    </>
  );
}

function SystemDetail({ system }: { readonly system: SystemCapacity }) {
  const { t } = useI18n();
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      {system.busiestDayProfile ? (
        <>
          <Typography.Text strong>
            {t('capacity.profileTitle', { day: system.busiestDayProfile.day })}
          </Typography.Text>
          <ChartPanel
            option={buildCpuProfileOption(system, t)}
            heightPx={240}
            testId={`capacity-profile-${system.system}`}
          />
        </>
      ) : (
        <Alert type="info" showIcon message={t('capacity.noBusyDay')} />
      )}
      <Table<HostCapacity>
        size="small"
        rowKey="host"
        className="nowrap-table"
        dataSource={system.hosts}
        pagination={false}
        columns={[
          { title: t('capacity.col.host'), dataIndex: 'host' },
          {
            title: t('capacity.runningIndex'),
            key: 'r',
            render: (_, host) => (
              <Tag color={CAPACITY_BAND_COLORS[bandOfRunningIndex(host.index)]}>{host.index.toFixed(2)}</Tag>
            ),
          },
          { title: t('capacity.col.busiestDay'), key: 'day', render: (_, host) => host.busiestDay ?? '—' },
          {
            title: t('capacity.col.peakCpu'),
            key: 'peak',
            align: 'right',
            render: (_, host) => (host.peakCpuPercent === null ? '—' : `${host.peakCpuPercent.toFixed(1)} %`),
          },
          { title: t('capacity.col.sampledMinutes'), dataIndex: 'sampledMinutes', align: 'right' },
        ]}
      />
    </Space>
  );
}
