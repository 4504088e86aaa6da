import type { CheckSummary, Run } from '@ganzhi/contracts';
import { Space, Spin, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useParams } from 'react-router-dom';
import { LoadError } from '../../../components/load-error';
import { PageHeader } from '../../../components/page-header';
import { formatIntervalSeconds } from '../../../lib/format-interval';
import { useI18n } from '../../../lib/i18n';
import { nameOfCode, useDimensions, type DimensionKind } from '../../dimensions';
import { useCheckSummary, useRunPage, useRuns, useSeries } from '../api/check-api';
import type { TimeRange } from '../time-range';
import { CheckActions } from './check-actions';
import { CheckCharts } from './check-charts';
import { CheckTags } from './check-tags';
import { CheckStatCards } from './check-stat-cards';
import { CheckStatusTag } from './check-status-tag';
import { FlowSummary } from './flow-summary';
import { LocationPicker } from './location-picker';
import { RunDetailsDrawer } from './run-details-drawer';
import { RunTable, useRunTable } from './run-table';

const DIMENSION_KINDS: readonly DimensionKind[] = ['business', 'channel', 'region'];
/** Recent runs in the phase chart; the other charts cover the whole range from the series. */
const RUN_LIMIT = 50;

/** What the check probes and how often, under its name. */
function CheckSubtitle({ check }: { check: CheckSummary }) {
  const { t, locale } = useI18n();
  const dimensions = useDimensions();
  const names = DIMENSION_KINDS.flatMap((kind) => {
    const code = check[kind];
    return code ? [nameOfCode(dimensions.data, { kind, code, locale })] : [];
  });
  return (
    <Space size={[8, 4]} wrap>
      <FlowSummary steps={check.steps} />
      <span>{t('unit.every', { value: formatIntervalSeconds(check.intervalSeconds, t) })}</span>
      {names.map((name) => (
        <Tag color="blue" key={name}>
          {name}
        </Tag>
      ))}
      <CheckTags tags={check.tags} />
    </Space>
  );
}

export function CheckDetailPage() {
  const { id = '' } = useParams();
  const { t } = useI18n();
  const [range, setRange] = useState<TimeRange>('1h');
  const [pickedLocation, setPickedLocation] = useState<string | null>(null);
  const check = useCheckSummary(id, { refresh: true });
  // A location the check no longer has (it was edited meanwhile) falls back to all locations.
  const location =
    pickedLocation !== null && check.data?.locations.includes(pickedLocation) ? pickedLocation : null;
  const runs = useRuns(id, { location, limit: RUN_LIMIT });
  // The table pages through the server: its own page, sort and filters, and the page's location.
  const runTable = useRunTable(location);
  const runPage = useRunPage(id, runTable.query);
  const pickLocation = (picked: string | null) => {
    setPickedLocation(picked);
    runTable.list.setPage(1, runTable.params.pageSize);
  };
  const series = useSeries(id, { range, location });
  // The run "Run now" just made, shown in a drawer; the runs list's copy replaces it once refetched.
  const [shownRun, setShownRun] = useState<Run | null>(null);

  if (check.error) return <LoadError error={check.error} onRetry={() => void check.refetch()} />;
  if (!check.data) return <Spin size="large" className="page-spinner" />;
  return (
    <>
      <PageHeader
        title={
          <Space size="middle">
            <span data-testid="check-title">{check.data.name}</span>
            <CheckStatusTag status={check.data.status} />
          </Space>
        }
        subTitle={<CheckSubtitle check={check.data} />}
        extra={
          <>
            {check.data.locations.length > 1 && (
              <LocationPicker locations={check.data.locations} value={location} onChange={pickLocation} />
            )}
            <CheckActions check={check.data} range={range} onRangeChange={setRange} onRan={setShownRun} />
          </>
        }
      />
      {check.data.description && (
        <Typography.Paragraph type="secondary">{check.data.description}</Typography.Paragraph>
      )}
      {series.error && <LoadError error={series.error} onRetry={() => void series.refetch()} />}
      <CheckStatCards series={series.data} />
      <CheckCharts series={series.data} runs={runs.data} />
      {runs.error && <LoadError error={runs.error} onRetry={() => void runs.refetch()} />}
      {runPage.error && <LoadError error={runPage.error} onRetry={() => void runPage.refetch()} />}
      <RunTable table={runTable} page={runPage} plannedSteps={check.data.steps.length} />
      <Typography.Text type="secondary">{t('common.autoRefresh')}</Typography.Text>
      <RunDetailsDrawer
        run={runPage.data?.items.find((run) => run.id === shownRun?.id) ?? shownRun}
        plannedSteps={check.data.steps.length}
        onClose={() => setShownRun(null)}
      />
    </>
  );
}
