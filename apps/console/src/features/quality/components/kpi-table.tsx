import type { Indicator, KpiResult } from '@ganzhi/contracts';
import { Space, Table, Tag, Tooltip, Typography } from 'antd';
import { StarFilled } from '@ant-design/icons';
import { useI18n } from '../../../lib/i18n';
import { indicatorNameOf } from '../indicator-names';
import { indicatorUnitText } from '../indicator-units';
import { formatIndicatorValue } from '../score-band';
import { ScoreTag } from './score-tag';

const LAYER_COLORS = { resource: 'purple', platform: 'geekblue', experience: 'cyan' } as const;
const LAYER_ORDER = { experience: 0, platform: 1, resource: 2 } as const;

/** The KPIs behind a service score: layer, value in its unit, thresholds, score or why there is none. */
export function KpiTable({
  kpis,
  indicators,
  loading,
}: {
  readonly kpis: readonly KpiResult[];
  readonly indicators: readonly Indicator[] | undefined;
  readonly loading: boolean;
}) {
  const { t, locale } = useI18n();
  const definition = (id: string) => indicators?.find((indicator) => indicator.id === id);
  const rows = [...kpis].sort(
    (a, b) => LAYER_ORDER[a.layer] - LAYER_ORDER[b.layer] || (a.score ?? 9) - (b.score ?? 9),
  );
  return (
    <Table<KpiResult>
      size="small"
      rowKey="indicatorId"
      dataSource={rows}
      loading={loading}
      pagination={false}
      data-testid="drill-kpis"
      className="nowrap-table"
      columns={[
        {
          title: t('drill.col.layer'),
          key: 'layer',
          width: 90,
          render: (_, kpi) => <Tag color={LAYER_COLORS[kpi.layer]}>{t(`quality.layer.${kpi.layer}`)}</Tag>,
        },
        {
          title: t('drill.col.indicator'),
          key: 'indicator',
          // The indicator's name and its family may go on two lines; neither breaks inside itself.
          className: 'cell-wrap',
          render: (_, kpi) => (
            <Space size={4} wrap>
              <Tooltip title={definition(kpi.indicatorId)?.formula}>
                <span data-testid={`kpi-${kpi.indicatorId}`} className="nowrap">
                  {indicatorNameOf(indicators, kpi.indicatorId, locale)}
                </span>
              </Tooltip>
              {kpi.critical && (
                <Tooltip title={t('drill.critical')}>
                  <StarFilled style={{ color: '#faad14' }} />
                </Tooltip>
              )}
              <Typography.Text type="secondary" className="nowrap">
                {t(`quality.family.${kpi.family}`)}
              </Typography.Text>
            </Space>
          ),
        },
        {
          title: t('drill.col.value'),
          key: 'value',
          align: 'right',
          render: (_, kpi) =>
            formatIndicatorValue(kpi.value, indicatorUnitText(definition(kpi.indicatorId)?.unit ?? '', t)),
        },
        {
          title: t('drill.col.thresholds'),
          key: 'thresholds',
          align: 'right',
          render: (_, kpi) => {
            const thresholds = definition(kpi.indicatorId)?.thresholds;
            return thresholds ? (
              <Typography.Text type="secondary">
                {[thresholds.good, thresholds.tolerable ?? '—', thresholds.bad].join(' | ')}
              </Typography.Text>
            ) : (
              '—'
            );
          },
        },
        {
          title: t('drill.col.score'),
          key: 'score',
          // Why a KPI has no score is a phrase, which may wrap between its words.
          className: 'cell-wrap',
          render: (_, kpi) =>
            kpi.status === 'ok' ? (
              <ScoreTag score={kpi.score} />
            ) : (
              <Typography.Text type="secondary">
                {kpi.status === 'no_data' && kpi.samples > 0
                  ? t('quality.status.unavailable')
                  : t(`quality.status.${kpi.status}`, { samples: kpi.samples })}
              </Typography.Text>
            ),
        },
        { title: t('drill.col.samples'), dataIndex: 'samples', align: 'right' },
        {
          title: t('drill.col.source'),
          key: 'source',
          render: (_, kpi) => t(`drill.source.${kpi.source}`),
        },
      ]}
    />
  );
}
