import type { ScoreEntry } from '@ganzhi/contracts';
import { Card, Col, List, Row, Segmented, Select, Space, Statistic, Table, Tag, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router-dom';
import { ChartPanel } from '../../../components/chart-panel';
import { LoadError } from '../../../components/load-error';
import { PageHeader } from '../../../components/page-header';
import { formatLatencyMs } from '../../../lib/format-latency';
import { useI18n } from '../../../lib/i18n';
import { CheckStatusTag } from '../../checks';
import { nameOfCode, useDimensions } from '../../dimensions';
import { useIndicators, useServiceDrill } from '../api/quality-api';
import { buildScoreTrendOption } from '../charts/trend-option';
import { indicatorNameOf } from '../indicator-names';
import { SCORE_BAND_COLORS, bandOfScore, formatScore } from '../score-band';
import { BaselineCard } from './baseline-card';
import { KpiTable } from './kpi-table';
import { ScoreTag } from './score-tag';
import { WorstByLayerCard } from './worst-by-layer-card';

const RANGES = {
  '1h': 3_600_000,
  '6h': 6 * 3_600_000,
  '24h': 24 * 3_600_000,
  '7d': 7 * 24 * 3_600_000,
} as const;
type Range = keyof typeof RANGES;
const FAMILIES = ['reliability', 'efficiency', 'usability', 'integrity'] as const;

/** Service → KQIs → KPIs (with their layer) → baselines, cities and the probes whose runs are behind it. */
export function ServiceDrillPage() {
  const { t, locale } = useI18n();
  const navigate = useNavigate();
  const { business = '', channel = '' } = useParams();
  const [params, setParams] = useSearchParams();
  const region = params.get('region') ?? undefined;
  const [range, setRange] = useState<Range>('1h');
  // Fixed per range choice so the query key is stable between renders.
  const window = useMemo(() => {
    const to = Date.now();
    return { from: new Date(to - RANGES[range]).toISOString(), to: new Date(to).toISOString() };
  }, [range]);
  const baselineFrom = useMemo(
    () => new Date(Date.parse(window.to) - Math.max(RANGES[range], 2 * RANGES['24h'])).toISOString(),
    [window, range],
  );
  const drill = useServiceDrill({ business, channel, region, ...window });
  const indicators = useIndicators();
  const dimensions = useDimensions();
  const name = (kind: 'channel' | 'business' | 'region', code: string) =>
    nameOfCode(dimensions.data, { kind, code, locale });
  const data = drill.data;
  const setRegion = (code: string | undefined) =>
    setParams((current) => {
      if (code) current.set('region', code);
      else current.delete('region');
      return current;
    });

  return (
    <>
      <PageHeader
        title={t('drill.title', { business: name('business', business), channel: name('channel', channel) })}
        subTitle={region ? name('region', region) : t('drill.allRegions')}
        extra={
          <Space wrap>
            <Select
              style={{ minWidth: 140 }}
              value={region ?? ''}
              data-testid="drill-region"
              onChange={(value: string) => setRegion(value || undefined)}
              options={[
                { value: '', label: t('drill.allRegions') },
                ...(data?.regions ?? []).map((entry) => ({
                  value: entry.region,
                  label: name('region', entry.region),
                })),
              ]}
            />
            <Segmented
              value={range}
              onChange={(value) => setRange(value as Range)}
              options={Object.keys(RANGES).map((value) => ({ value, label: value }))}
            />
          </Space>
        }
      />
      {drill.error && <LoadError error={drill.error} onRetry={() => void drill.refetch()} />}
      <Row gutter={[16, 16]} className="section-card">
        <Col xs={24} md={8}>
          <Card size="small" loading={drill.isPending}>
            <Statistic
              title={t('drill.score')}
              value={formatScore(data?.score)}
              valueStyle={{ color: SCORE_BAND_COLORS[bandOfScore(data?.score)] }}
              suffix={data?.score === null || !data ? undefined : '/ 5'}
            />
            <span data-testid="drill-score" data-score={data?.score ?? ''} />
            {data?.cappedByCritical && <Tag color="orange">{t('drill.capped')}</Tag>}
          </Card>
        </Col>
        <Col xs={24} md={8}>
          <Card size="small" loading={drill.isPending}>
            <Statistic
              title={t('drill.worstKqi')}
              value={
                data?.worstKqi ? t(`quality.family.${data.worstKqi.key as (typeof FAMILIES)[number]}`) : '—'
              }
              suffix={data?.worstKqi ? formatScore(data.worstKqi.score) : undefined}
            />
          </Card>
        </Col>
        <Col xs={24} md={8}>
          <WorstByLayerCard kpis={data?.kpis} loading={drill.isPending} />
        </Col>
      </Row>
      <Card size="small" className="section-card" title={t('drill.kqis')}>
        <Row gutter={[16, 8]}>
          {FAMILIES.map((family) => {
            const kqi = data?.kqis.find((entry) => entry.family === family);
            return (
              <Col xs={12} md={6} key={family}>
                <Space direction="vertical" size={2}>
                  <Typography.Text type="secondary">{t(`quality.family.${family}`)}</Typography.Text>
                  <ScoreTag score={kqi?.score ?? null} testId={`kqi-${family}`} />
                  {kqi?.worst && (
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                      {indicatorNameOf(indicators.data, kqi.worst.key, locale)}
                    </Typography.Text>
                  )}
                </Space>
              </Col>
            );
          })}
        </Row>
      </Card>
      <Card size="small" className="section-card" title={t('drill.kpis')}>
        <KpiTable kpis={data?.kpis ?? []} indicators={indicators.data} loading={drill.isPending} />
      </Card>
      <BaselineCard
        business={business}
        channel={channel}
        region={region}
        from={baselineFrom}
        to={window.to}
      />
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={12}>
          <Card size="small" className="section-card" title={t('drill.regions')}>
            <Table<ScoreEntry>
              size="small"
              rowKey="region"
              className="nowrap-table"
              dataSource={data?.regions ?? []}
              pagination={false}
              onRow={(entry) => ({ onClick: () => setRegion(entry.region), style: { cursor: 'pointer' } })}
              columns={[
                {
                  title: t('quality.col.region'),
                  key: 'region',
                  render: (_, entry) => name('region', entry.region),
                },
                {
                  title: t('quality.col.score'),
                  key: 'score',
                  render: (_, entry) => <ScoreTag score={entry.score} />,
                },
                { title: t('quality.col.volume'), dataIndex: 'volume', align: 'right' },
                {
                  title: t('quality.col.p95'),
                  key: 'p95',
                  align: 'right',
                  render: (_, entry) => formatLatencyMs(entry.p95Ms),
                },
              ]}
            />
          </Card>
        </Col>
        <Col xs={24} lg={12}>
          <Card size="small" className="section-card" title={t('drill.trend')}>
            <ChartPanel
              option={buildScoreTrendOption(data?.trend ?? [], t)}
              heightPx={220}
              testId="drill-trend"
            />
          </Card>
          <Card
            size="small"
            className="section-card"
            title={t('drill.checks')}
            extra={
              <Link
                to={`/transactions?range=${range}&business=${business}&channel=${channel}${region ? `&region=${region}` : ''}`}
                data-testid="drill-transactions"
              >
                {t('drill.openTransactions')}
              </Link>
            }
          >
            <List
              size="small"
              dataSource={data?.checks ?? []}
              locale={{ emptyText: t('drill.checksEmpty') }}
              data-testid="drill-checks"
              renderItem={(check) => (
                <List.Item
                  actions={[
                    <Link key="open" to={`/checks/${check.id}`} className="nowrap">
                      {t('drill.openCheck')}
                    </Link>,
                  ]}
                  onClick={() => void navigate(`/checks/${check.id}`)}
                  style={{ cursor: 'pointer' }}
                >
                  <Space align="start">
                    <CheckStatusTag status={check.status} />
                    <span className="cell-wrap">{check.name}</span>
                    {check.region && (
                      <Typography.Text type="secondary" className="nowrap">
                        {name('region', check.region)}
                      </Typography.Text>
                    )}
                  </Space>
                </List.Item>
              )}
            />
          </Card>
        </Col>
      </Row>
    </>
  );
}
