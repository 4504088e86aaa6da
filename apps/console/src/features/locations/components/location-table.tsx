import type { Dimensions, Location } from '@ganzhi/contracts';
import { Button, Empty, Table, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { Link } from 'react-router-dom';
import { colorOfSuccessRatio } from '../../../lib/failure-tier';
import { formatLatencyMs, formatRatioAsPercent } from '../../../lib/format-latency';
import { useI18n, type I18n } from '../../../lib/i18n';
import { sortableColumn } from '../../../lib/list-columns';
import type { ListParams } from '../../../lib/list-params';
import type { ServerPageQuery, ServerTable } from '../../../lib/use-server-table';
import { nameOfCode } from '../../dimensions';
import { locationDisplayName } from '../location-names';

interface LocationColumnsContext {
  readonly i18n: I18n;
  readonly locations: readonly Location[] | undefined;
  readonly dimensions: Dimensions | undefined;
  readonly onEdit: (location: Location) => void;
  readonly params: ListParams;
}

const DEFAULT_SORT = 'code:asc';

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
  params,
}: LocationColumnsContext): ColumnsType<Location> {
  const { t, locale } = i18n;
  const query = (code: string) => `?location=${encodeURIComponent(code)}`;
  return [
    {
      key: 'code',
      title: t('locations.col.code'),
      ...sortableColumn('code', { params, fallback: DEFAULT_SORT }),
      render: (_, location) => (
        <Typography.Text code className="nowrap">
          {location.code}
        </Typography.Text>
      ),
    },
    {
      key: 'name',
      title: t('locations.col.name'),
      ...sortableColumn('name', { params, fallback: DEFAULT_SORT }),
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
      ...sortableColumn('agents', { params, fallback: DEFAULT_SORT }),
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
      ...sortableColumn('checks', { params, fallback: DEFAULT_SORT }),
      render: (_, location) => <Link to={`/checks${query(location.code)}`}>{location.checks}</Link>,
    },
    {
      key: 'runs',
      title: t('locations.col.runs'),
      align: 'right',
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
  readonly table: ServerTable<Location>;
  /** The page on screen (the server sorts, filters and pages). */
  readonly page: ServerPageQuery<Location>;
  /** Every location, to tell locations of the same name apart. */
  readonly locations: readonly Location[] | undefined;
  readonly dimensions: Dimensions | undefined;
  readonly onEdit: (location: Location) => void;
}

/** Locations, a page at a time, with their agents, checks and last hour of results; agents and checks link to their lists. */
export function LocationTable({ table, page, locations, dimensions, onEdit }: LocationTableProps) {
  const i18n = useI18n();
  return (
    <div data-testid="locations-table">
      <Table<Location>
        rowKey="code"
        size="middle"
        className="nowrap-table"
        columns={locationColumns({ i18n, locations, dimensions, onEdit, params: table.params })}
        {...table.tableProps(page)}
        scroll={{ x: 'max-content' }}
        locale={{ emptyText: <Empty description={i18n.t('locations.empty')} /> }}
      />
    </div>
  );
}
