import type { IndicatorLayer, KpiResult } from '@ganzhi/contracts';
import { Card, Space, Tooltip, Typography } from 'antd';
import { useI18n } from '../../../lib/i18n';
import { useIndicators } from '../api/quality-api';
import { indicatorNameOf } from '../indicator-names';
import { SCORE_BAND_COLORS, bandOfScore, formatScore } from '../score-band';
import { worstKpiPerLayer } from '../worst-by-layer';

const LAYERS: readonly IndicatorLayer[] = ['experience', 'platform', 'resource'];

/**
 * The worst-scoring KPI of each layer, resource included, so a red row in the KPI table is never missing here; the note
 * says which KPIs carry no weight in the service score (the capacity family).
 */
export function WorstByLayerCard({
  kpis,
  loading,
}: {
  readonly kpis: readonly KpiResult[] | undefined;
  readonly loading: boolean;
}) {
  const { t, locale } = useI18n();
  const indicators = useIndicators();
  const worst = worstKpiPerLayer(kpis ?? []);
  return (
    <Card size="small" loading={loading} title={t('drill.worstByLayer')} data-testid="drill-worst-by-layer">
      <Space direction="vertical" size={4} style={{ width: '100%' }}>
        {LAYERS.map((layer) => {
          const kpi = worst[layer];
          return (
            <div key={layer} style={{ display: 'flex', justifyContent: 'space-between', gap: 8 }}>
              <Typography.Text type="secondary" style={{ whiteSpace: 'nowrap' }}>
                {t(`quality.layer.${layer}`)}
                {layer === 'resource' && (
                  <Tooltip title={t('drill.resourceNotScored')}>
                    <Typography.Text type="secondary"> ⓘ</Typography.Text>
                  </Tooltip>
                )}
              </Typography.Text>
              {kpi ? (
                <span style={{ textAlign: 'right', overflowWrap: 'normal', wordBreak: 'keep-all' }}>
                  {indicatorNameOf(indicators.data, kpi.indicatorId, locale)}{' '}
                  <Typography.Text strong style={{ color: SCORE_BAND_COLORS[bandOfScore(kpi.score)] }}>
                    {formatScore(kpi.score)}
                  </Typography.Text>
                </span>
              ) : (
                <Typography.Text type="secondary">—</Typography.Text>
              )}
            </div>
          );
        })}
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {t('drill.resourceNotScored')}
        </Typography.Text>
      </Space>
    </Card>
  );
}
