import type { Indicator, ScoreEntry } from '@ganzhi/contracts';
import { Card, Col, Row, Segmented, Statistic, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { ChartPanel } from '../../../components/chart-panel';
import { LightTable } from '../../../components/light-table';
import { LoadError } from '../../../components/load-error';
import { PageHeader } from '../../../components/page-header';
import { formatLatencyMs } from '../../../lib/format-latency';
import { useI18n } from '../../../lib/i18n';
import { citiesOf, nameOfCode, useDimensions } from '../../dimensions';
import { useIndicators, useScoreOverview } from '../api/quality-api';
import { indicatorNameOf } from '../indicator-names';
import { buildHeatmapOption, parseCellName } from '../charts/heatmap-option';
import { buildScoreTrendOption } from '../charts/trend-option';
import { SCORE_BAND_COLORS, bandOfScore, formatScore } from '../score-band';
import { serviceDrillPath } from '../quality-paths';
import { ScoreTag } from './score-tag';

/** The fewest samples an active probe or transaction KPI needs to be scored (30 unless an indicator says less). */
function fewestSamplesToScore(indicators: readonly Indicator[] | undefined): number {
  const counts = (indicators ?? [])
    .filter((indicator) => indicator.enabled && indicator.source !== 'external')
    .map((indicator) => indicator.minSamples);
  return counts.length > 0 ? Math.min(...counts) : 30;
}

export function QualityOverviewPage() {
  const { t, locale } = useI18n();
  const navigate = useNavigate();
  const [resolution, setResolution] = useState<'5m' | '1h'>('5m');
  const overview = useScoreOverview(resolution);
  const dimensions = useDimensions();
  const indicators = useIndicators();
  const name = (kind: 'channel' | 'business' | 'region', code: string) =>
    nameOfCode(dimensions.data, { kind, code, locale });
  const data = overview.data;

  const heatmap = useMemo(() => {
    if (!data) return null;
    const channelCodes = [...new Set(data.cells.map((cell) => cell.channel))];
    const ordered = (dimensions.data?.channels ?? [])
      .map((channel) => channel.code)
      .filter((code) => channelCodes.includes(code));
    const channels = [...ordered, ...channelCodes.filter((code) => !ordered.includes(code))];
    const cityCodes = new Set(data.cells.map((cell) => cell.region));
    const cities = citiesOf(dimensions.data, locale)
      .map((city) => city.code)
      .filter((code) => cityCodes.has(code));
    const regions = [...cities, ...[...cityCodes].filter((code) => !cities.includes(code))];
    return buildHeatmapOption(
      data.cells,
      {
        channels: channels.map((code) => ({ code, label: name('channel', code) })),
        regions: regions.map((code) => ({ code, label: name('region', code) })),
        minSamples: fewestSamplesToScore(indicators.data),
      },
      t,
    );
  }, [data, dimensions.data, indicators.data, locale, t]);

  const serviceName = (entry: ScoreEntry) =>
    `${name('business', entry.business)} · ${name('channel', entry.channel)}`;
  const overall = data?.overall ?? null;
  const bands = data?.bands;

  return (
    <>
      <PageHeader
        title={t('quality.title')}
        subTitle={
          data?.bucketStart
            ? t('quality.scoredAt', { time: new Date(data.bucketStart).toLocaleString(locale) })
            : undefined
        }
        extra={
          <Segmented
            value={resolution}
            onChange={(value) => setResolution(value as '5m' | '1h')}
            options={[
              { label: t('quality.resolution.5m'), value: '5m' },
              { label: t('quality.resolution.1h'), value: '1h' },
            ]}
          />
        }
      />
      {overview.error && <LoadError error={overview.error} onRetry={() => void overview.refetch()} />}
      {data && data.bucketStart === null && (
        <Card className="section-card" data-testid="quality-not-scored">
          <Typography.Text type="secondary">{t('quality.notScored')}</Typography.Text>
        </Card>
      )}
      <Row gutter={[16, 16]} className="section-card">
        <Col xs={24} md={8}>
          <Card size="small" loading={overview.isPending}>
            <Statistic
              title={t('quality.overall')}
              value={formatScore(overall?.score)}
              valueStyle={{ color: SCORE_BAND_COLORS[bandOfScore(overall?.score)] }}
              suffix={overall?.score === null || overall === null ? undefined : '/ 5'}
            />
            <Typography.Text type="secondary" data-testid="quality-overall-worst">
              {overall?.worst
                ? `${t('quality.worst')}: ${name('channel', overall.worst.key)} ${formatScore(overall.worst.score)}`
                : t('quality.overallHint')}
            </Typography.Text>
          </Card>
        </Col>
        <Col xs={24} md={10}>
          <Card size="small" loading={overview.isPending} title={t('quality.services')}>
            <div
              data-testid="quality-bands"
              style={{ display: 'flex', height: 28, borderRadius: 4, overflow: 'hidden', marginBottom: 8 }}
            >
              {bands &&
                (['good', 'tolerable', 'poor', 'insufficient'] as const).map((band) => (
                  <div
                    key={band}
                    style={{
                      flexGrow: bands[band],
                      background: SCORE_BAND_COLORS[band],
                      display: bands[band] ? 'flex' : 'none',
                      alignItems: 'center',
                      justifyContent: 'center',
                      color: '#fff',
                      fontWeight: 600,
                    }}
                    title={`${t(`quality.band.${band}`)}: ${bands[band]}`}
                  >
                    {bands[band]}
                  </div>
                ))}
            </div>
            <Typography.Text type="secondary">
              {(['good', 'tolerable', 'poor', 'insufficient'] as const)
                .map((band) => `${t(`quality.band.${band}`)} ${bands?.[band] ?? 0}`)
                .join(' · ')}
            </Typography.Text>
          </Card>
        </Col>
        <Col xs={24} md={6}>
          <Card size="small" loading={overview.isPending}>
            <Statistic title={t('quality.volume')} value={overall?.volume ?? 0} />
          </Card>
        </Col>
      </Row>
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={14}>
          <Card
            size="small"
            className="section-card"
            title={t('quality.heatmap')}
            extra={<Typography.Text type="secondary">{t('quality.heatmapHint')}</Typography.Text>}
          >
            <ChartPanel
              option={heatmap}
              heightPx={340}
              testId="quality-heatmap"
              onItemClick={(cellNameClicked) => {
                const cell = parseCellName(cellNameClicked);
                if (cell)
                  void navigate(
                    `/rankings?by=service&period=hour&channel=${cell.channel}&region=${cell.region}`,
                  );
              }}
            />
          </Card>
        </Col>
        <Col xs={24} xl={10}>
          <Card size="small" className="section-card" title={t('quality.trend')}>
            <ChartPanel
              option={buildScoreTrendOption(data?.trend ?? [], t)}
              heightPx={340}
              testId="quality-trend"
            />
          </Card>
        </Col>
      </Row>
      <Card size="small" className="section-card" title={t('quality.worstServices')}>
        <LightTable<ScoreEntry>
          size="small"
          rowKey={(entry) => `${entry.business}|${entry.channel}|${entry.region}`}
          dataSource={data?.worstServices ?? []}
          loading={overview.isPending}
          data-testid="quality-worst-services"
          className="keep-words-table"
          onRow={(entry) => ({
            onClick: () => void navigate(serviceDrillPath(entry)),
            style: { cursor: 'pointer' },
          })}
          columns={[
            { title: t('quality.col.service'), key: 'service', render: (_, entry) => serviceName(entry) },
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
            {
              title: t('quality.col.worst'),
              key: 'worst',
              render: (_, entry) =>
                entry.worst
                  ? `${indicatorNameOf(indicators.data, entry.worst.key, locale)} ${formatScore(entry.worst.score)}`
                  : '—',
            },
            { title: t('quality.col.volume'), dataIndex: 'volume', align: 'right' },
            {
              title: t('quality.col.p95'),
              key: 'p95',
              align: 'right',
              className: 'nowrap',
              render: (_, entry) => formatLatencyMs(entry.p95Ms),
            },
          ]}
        />
      </Card>
      <Row gutter={[16, 16]}>
        {(['channels', 'regions'] as const).map((kind) => (
          <Col xs={24} lg={12} key={kind}>
            <Card size="small" className="section-card" title={t(`quality.${kind}`)}>
              <LightTable<ScoreEntry>
                size="small"
                rowKey={(entry) => (kind === 'channels' ? entry.channel : entry.region)}
                className="nowrap-table"
                dataSource={[...(data?.[kind] ?? [])].sort((a, b) => (a.score ?? 9) - (b.score ?? 9))}
                columns={[
                  {
                    title: t(kind === 'channels' ? 'quality.col.channel' : 'quality.col.region'),
                    key: 'name',
                    render: (_, entry) =>
                      kind === 'channels' ? name('channel', entry.channel) : name('region', entry.region),
                  },
                  {
                    title: t('quality.col.score'),
                    key: 'score',
                    render: (_, entry) => <ScoreTag score={entry.score} />,
                  },
                  {
                    title: t('quality.col.worstMember'),
                    key: 'worst',
                    render: (_, entry) =>
                      entry.worst
                        ? `${name(kind === 'channels' ? 'business' : 'channel', entry.worst.key)} ${formatScore(entry.worst.score)}`
                        : '—',
                  },
                  { title: t('quality.col.volume'), dataIndex: 'volume', align: 'right' },
                ]}
              />
            </Card>
          </Col>
        ))}
      </Row>
    </>
  );
}
