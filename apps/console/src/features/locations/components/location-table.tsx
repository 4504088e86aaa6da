import type { Dimensions, Location } from '@ganzhi/contracts';
import { Button, Empty, Table, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { Link } from 'react-router-dom';
import { colorOfSuccessRatio } from '../../../lib/failure-tier';
import { formatLatencyMs, formatRatioAsPercent } from '../../../lib/format-latency';
import { useI18n, type I18n } from '../../../lib/i18n';
import { nameOfCode } from '../../dimensions';
import { locationDisplayName } from '../location-names';

interface LocationColumnsContext {
  readonly i18n: I18n;
  readonly locations: readonly Location[] | undefined;
  readonly dimensions: Dimensions | undefined;
  readonly onEdit: (location: Location) => void;
}

function Dash() {
  return <Typography.Text type="secondary">—</Typography.Text>;
}

function FailureRatioCell({ lastHour }: { lastHour: Location['lastHour'] }) {
  if (lastHour.runs === 0) return <Dash />;
  const failureRatio = lastHour.failures / lastHour.runs;
  return (
    <Typography.Text style={{ color: colorOfSuccessRatio(1 - failureRatio) }}>
      {formatRatioAsPercent(failureRatio)}
    </Typography.Text>
  );
}

function locationColumns({
  i18n,
  locations,
  dimensions,
  onEdit,
}: LocationColumnsContext): ColumnsType<Location> {
  const { t, locale } = i18n;
  const query = (code: string) => `?location=${encodeURIComponent(code)}`;
  return [
    {
      key: 'code',
      title: t('locations.col.code'),
      sorter: (a, b) => a.code.localeCompare(b.code),
      render: (_, location) => (
        <Typography.Text code className="nowrap">
          {location.code}
        </Typography.Text>
      ),
    },
    {
      key: 'name',
      title: t('locations.col.name'),
      render: (_, location) => (
        <span className="nowrap">
          {locationDisplayName(location.code, { locations, dimensions, locale, t })}
        </span>
      ),
    },
    {
      key: 'region',
      title: t('locations.col.region'),
      render: (_, location) =>
        location.regionCode ? (
          <span className="nowrap">
            {nameOfCode(dimensions, { kind: 'region', code: location.regionCode, locale })}
          </span>
        ) : (
          <Dash />
        ),
    },
    { key: 'site', title: t('locations.col.site'), render: (_, location) => location.site ?? <Dash /> },
    {
      key: 'agents',
      title: t('locations.col.agents'),
      align: 'right',
      render: (_, location) => (
        <Link to={`/agents${query(location.code)}`} data-testid="location-agents-link">
          {location.healthyAgents}/{location.agents}
        </Link>
      ),
    },
    {
      key: 'checks',
      title: t('locations.col.checks'),
      align: 'right',
      render: (_, location) => <Link to={`/checks${query(location.code)}`}>{location.checks}</Link>,
    },
    {
      key: 'runs',
      title: t('locations.col.runs'),
      align: 'right',
      sorter: (a, b) => a.lastHour.runs - b.lastHour.runs,
      render: (_, location) => location.lastHour.runs,
    },
    {
      key: 'failures',
      title: t('locations.col.failures'),
      align: 'right',
      render: (_, location) => <FailureRatioCell lastHour={location.lastHour} />,
    },
    {
      key: 'p95',
      title: t('locations.col.p95'),
      align: 'right',
      render: (_, location) => formatLatencyMs(location.lastHour.p95Ms),
    },
    {
      key: 'actions',
      title: t('locations.col.actions'),
      render: (_, location) => (
        <Button size="small" onClick={() => onEdit(location)} data-testid="location-edit">
          {t('common.edit')}
        </Button>
      ),
    },
  ];
}

export interface LocationTableProps {
  readonly locations: readonly Location[] | undefined;
  readonly isLoading: boolean;
  readonly dimensions: Dimensions | undefined;
  readonly onEdit: (location: Location) => void;
}

/** Every location with its agents, checks and last hour of results; agents and checks link to their lists. */
export function LocationTable({ locations, isLoading, dimensions, onEdit }: LocationTableProps) {
  const i18n = useI18n();
  return (
    <div data-testid="locations-table">
      <Table<Location>
        rowKey="code"
        size="middle"
        className="nowrap-table"
        loading={isLoading}
        dataSource={locations ? [...locations] : undefined}
        columns={locationColumns({ i18n, locations, dimensions, onEdit })}
        pagination={{ pageSize: 20, hideOnSinglePage: true }}
        scroll={{ x: 'max-content' }}
        locale={{ emptyText: <Empty description={i18n.t('locations.empty')} /> }}
      />
    </div>
  );
}
