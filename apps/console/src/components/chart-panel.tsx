import { Empty } from 'antd';
import { useI18n } from '../lib/i18n';
import { EChart, type ChartOption } from './e-chart';

export interface ChartPanelProps {
  /** Null when there is nothing to draw yet: the panel then says so instead of showing empty axes or NaN. */
  readonly option: ChartOption | null;
  readonly heightPx: number;
  readonly testId: string;
  /** Called with the `name` of the data item clicked. */
  readonly onItemClick?: (name: string) => void;
}

/** A chart, or a "no data yet" state of the same height, with `data-state` telling tests which one is shown. */
export function ChartPanel({ option, heightPx, testId, onItemClick }: ChartPanelProps) {
  const { locale, t } = useI18n();
  return (
    <div data-testid={testId} data-state={option ? 'ready' : 'empty'}>
      {option ? (
        <EChart
          option={option}
          heightPx={heightPx}
          locale={locale === 'zh-CN' ? 'ZH' : 'EN'}
          onItemClick={onItemClick}
        />
      ) : (
        <div className="chart-empty" style={{ height: heightPx }}>
          <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('detail.chart.empty')} />
        </div>
      )}
    </div>
  );
}
