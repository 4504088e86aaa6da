import type { RankingEntry } from '@ganzhi/contracts';
import { ArrowDownOutlined, ArrowUpOutlined } from '@ant-design/icons';
import { Card, Col, Row, Segmented, Select, Space, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useNavigate, useSearchParams } from 'react-router-dom';
import { LoadError } from '../../../components/load-error';
import { PageHeader } from '../../../components/page-header';
import { formatLatencyMs, formatRatioAsPercent } from '../../../lib/format-latency';
import { useI18n } from '../../../lib/i18n';
import { citiesOf, nameOfCode, useDimensions } from '../../dimensions';
import { useIndicators, useRankings, type RankingQuery } from '../api/quality-api';
import { indicatorNameOf } from '../indicator-names';
import { serviceDrillPath } from '../quality-paths';
import { formatScore } from '../score-band';
import { rankingChange } from '../ranking-change';
import { ScoreTag } from './score-tag';

/** Businesses or services slowest → fastest and worst → best, filtered by channel and city, against the previous period. */
export function RankingPage() {
  const { t, locale } = useI18n();
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const query: RankingQuery = {
    by: params.get('by') === 'service' ? 'service' : 'business',
    period: params.get('period') === 'hour' ? 'hour' : 'day',
    channel: params.get('channel') ?? undefined,
    region: params.get('region') ?? undefined,
  };
  const rankings = useRankings(query);
  const dimensions = useDimensions();
  const indicators = useIndicators();
  const name = (kind: 'channel' | 'business' | 'region', code: string) =>
    nameOfCode(dimensions.data, { kind, code, locale });
  const set = (key: string, value: string | undefined) =>
    setParams((current) => {
      if (value) current.set(key, value);
      else current.delete(key);
      return current;
    });
  const entryName = (entry: RankingEntry) =>
    query.by === 'service'
      ? `${name('business', entry.business)} · ${name('channel', entry.channel)}`
      : name('business', entry.business);
  const open = (entry: RankingEntry) => {
    // A business's worst contributor is its worst channel: open that service.
    const channel = query.by === 'service' ? entry.channel : (entry.worst?.key ?? query.channel);
    if (channel)
      void navigate(serviceDrillPath({ business: entry.business, channel, region: query.region ?? null }));
  };
  const worstText = (entry: RankingEntry) => {
    if (!entry.worst) return '—';
    const label =
      query.by === 'service'
        ? indicatorNameOf(indicators.data, entry.worst.key, locale)
        : name('channel', entry.worst.key);
    return `${label} ${formatScore(entry.worst.score)}`;
  };
  const base: ColumnsType<RankingEntry> = [
    { title: t('rankings.col.rank'), dataIndex: 'rank', width: 64 },
    {
      title: query.by === 'service' ? t('quality.col.service') : t('rankings.col.name'),
      key: 'name',
      render: (_, entry) => entryName(entry),
    },
  ];
  const change = (entry: RankingEntry, metric: 'p95' | 'score') => {
    const delta = rankingChange(entry, metric);
    if (delta === null) return <Tag>{t('rankings.new')}</Tag>;
    if (delta.direction === 'same') return <Typography.Text type="secondary">{delta.text}</Typography.Text>;
    return (
      <Typography.Text style={{ color: delta.worse ? '#cf1322' : '#389e0d' }}>
        {delta.direction === 'up' ? <ArrowUpOutlined /> : <ArrowDownOutlined />} {delta.text}
      </Typography.Text>
    );
  };
  const table = (kind: 'slowest' | 'worst', columns: ColumnsType<RankingEntry>) => (
    <Table<RankingEntry>
      size="small"
      rowKey={(entry) => `${entry.business}|${entry.channel}`}
      dataSource={rankings.data?.[kind === 'slowest' ? 'slowest' : 'byScore'] ?? []}
      loading={rankings.isPending}
      pagination={{ pageSize: 15, hideOnSinglePage: true }}
      locale={{ emptyText: t('rankings.empty') }}
      data-testid={`ranking-${kind}`}
      className="keep-words-table"
      onRow={(entry) => ({ onClick: () => open(entry), style: { cursor: 'pointer' } })}
      columns={[...base, ...columns]}
    />
  );

  return (
    <>
      <PageHeader
        title={t('rankings.title')}
        extra={
          <Space wrap>
            <Segmented
              value={query.by}
              onChange={(value) => set('by', String(value))}
              options={[
                { value: 'business', label: t('rankings.by.business') },
                { value: 'service', label: t('rankings.by.service') },
              ]}
            />
            <Segmented
              value={query.period}
              onChange={(value) => set('period', String(value))}
              options={[
                { value: 'hour', label: t('rankings.period.hour') },
                { value: 'day', label: t('rankings.period.day') },
              ]}
            />
            <Select
              style={{ minWidth: 130 }}
              value={query.channel ?? ''}
              data-testid="ranking-channel"
              onChange={(value: string) => set('channel', value || undefined)}
              options={[
                { value: '', label: t('rankings.allChannels') },
                ...(dimensions.data?.channels ?? []).map((channel) => ({
                  value: channel.code,
                  label: name('channel', channel.code),
                })),
              ]}
            />
            <Select
              style={{ minWidth: 130 }}
              value={query.region ?? ''}
              data-testid="ranking-region"
              onChange={(value: string) => set('region', value || undefined)}
              options={[
                { value: '', label: t('rankings.allRegions') },
                ...citiesOf(dimensions.data, locale).map((city) => ({ value: city.code, label: city.name })),
              ]}
            />
          </Space>
        }
      />
      {rankings.error && <LoadError error={rankings.error} onRetry={() => void rankings.refetch()} />}
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={12}>
          <Card size="small" className="section-card" title={t('rankings.slowest')}>
            {table('slowest', [
              {
                title: t('quality.col.p95'),
                key: 'p95',
                align: 'right',
                className: 'nowrap',
                render: (_, entry) => formatLatencyMs(entry.p95Ms),
              },
              { title: t('rankings.col.change'), key: 'change', render: (_, entry) => change(entry, 'p95') },
              { title: t('quality.col.volume'), dataIndex: 'volume', align: 'right' },
              {
                title: t('rankings.col.failureRatio'),
                key: 'failures',
                align: 'right',
                className: 'nowrap',
                render: (_, entry) => formatRatioAsPercent(entry.failureRatio),
              },
            ])}
          </Card>
        </Col>
        <Col xs={24} xl={12}>
          <Card size="small" className="section-card" title={t('rankings.worst')}>
            {table('worst', [
              {
                title: t('quality.col.score'),
                key: 'score',
                render: (_, entry) => <ScoreTag score={entry.score} />,
              },
              {
                title: t('rankings.col.change'),
                key: 'change',
                render: (_, entry) => change(entry, 'score'),
              },
              { title: t('quality.col.worstMember'), key: 'worst', render: (_, entry) => worstText(entry) },
            ])}
          </Card>
        </Col>
      </Row>
    </>
  );
}
