import {
  BarChart,
  HeatmapChart,
  LineChart,
  PieChart,
  ScatterChart,
  type BarSeriesOption,
  type HeatmapSeriesOption,
  type LineSeriesOption,
  type PieSeriesOption,
  type ScatterSeriesOption,
} from 'echarts/charts';
import {
  GridComponent,
  LegendComponent,
  MarkAreaComponent,
  MarkLineComponent,
  TooltipComponent,
  VisualMapComponent,
  type GridComponentOption,
  type LegendComponentOption,
  type TooltipComponentOption,
  type VisualMapComponentOption,
} from 'echarts/components';
import { init, use, type ComposeOption, type ECharts } from 'echarts/core';
import { SVGRenderer } from 'echarts/renderers';
import { useEffect, useRef } from 'react';

// Only what the console draws, so the bundle carries no unused chart types. SVG renders crisply in screenshots
// and also works in jsdom, where the canvas renderer does not.
use([
  BarChart,
  HeatmapChart,
  LineChart,
  PieChart,
  ScatterChart,
  GridComponent,
  LegendComponent,
  MarkAreaComponent,
  MarkLineComponent,
  TooltipComponent,
  VisualMapComponent,
  SVGRenderer,
]);

export type ChartOption = ComposeOption<
  | BarSeriesOption
  | HeatmapSeriesOption
  | LineSeriesOption
  | PieSeriesOption
  | ScatterSeriesOption
  | GridComponentOption
  | LegendComponentOption
  | TooltipComponentOption
  | VisualMapComponentOption
>;

/** ECharts' built-in locales for its own texts (time axis labels, toolbox). */
export type ChartLocale = 'ZH' | 'EN';

export interface EChartProps {
  readonly option: ChartOption;
  readonly heightPx: number;
  readonly locale: ChartLocale;
  /** Called with the `name` of the data item clicked (a series point, a bar, a pie slice). */
  readonly onItemClick?: (name: string) => void;
}

/**
 * A minimal React wrapper around an ECharts instance: created on mount (and when the locale changes), resized
 * with its container, disposed on unmount. Each new `option` replaces the previous one entirely.
 * @example <EChart option={{ series: [{ type: 'line', data: [[0, 1]] }] }} heightPx={300} locale="ZH" />
 */
export function EChart({ option, heightPx, locale, onItemClick }: EChartProps) {
  const containerRef = useRef<HTMLDivElement>(null);
  const chartRef = useRef<ECharts | null>(null);
  // The latest handler, read at click time, so a new callback each render does not re-create the chart.
  const onItemClickRef = useRef(onItemClick);
  useEffect(() => {
    onItemClickRef.current = onItemClick;
  }, [onItemClick]);

  useEffect(() => {
    const container = containerRef.current;
    if (!container) return undefined;
    const chart = init(container, undefined, { renderer: 'svg', locale });
    chartRef.current = chart;
    chart.on('click', (params) => {
      if (typeof params.name === 'string') onItemClickRef.current?.(params.name);
    });
    const observer = new ResizeObserver(() => chart.resize());
    observer.observe(container);
    return () => {
      observer.disconnect();
      chart.dispose();
      chartRef.current = null;
    };
  }, [locale]);

  useEffect(() => {
    chartRef.current?.setOption(option, { notMerge: true });
  }, [option, locale]);

  return <div ref={containerRef} style={{ width: '100%', height: heightPx }} />;
}
