import {
  BarChart,
  LineChart,
  PieChart,
  type BarSeriesOption,
  type LineSeriesOption,
  type PieSeriesOption,
} from 'echarts/charts';
import {
  GridComponent,
  LegendComponent,
  TooltipComponent,
  type GridComponentOption,
  type LegendComponentOption,
  type TooltipComponentOption,
} from 'echarts/components';
import { init, use, type ComposeOption, type ECharts } from 'echarts/core';
import { SVGRenderer } from 'echarts/renderers';
import { useEffect, useRef } from 'react';

// Only what the console draws, so the bundle carries no unused chart types. SVG renders crisply in screenshots
// and also works in jsdom, where the canvas renderer does not.
use([BarChart, LineChart, PieChart, GridComponent, LegendComponent, TooltipComponent, SVGRenderer]);

export type ChartOption = ComposeOption<
  | BarSeriesOption
  | LineSeriesOption
  | PieSeriesOption
  | GridComponentOption
  | LegendComponentOption
  | TooltipComponentOption
>;

/** ECharts' built-in locales for its own texts (time axis labels, toolbox). */
export type ChartLocale = 'ZH' | 'EN';

export interface EChartProps {
  readonly option: ChartOption;
  readonly heightPx: number;
  readonly locale: ChartLocale;
}

/**
 * A minimal React wrapper around an ECharts instance: created on mount (and when the locale changes), resized
 * with its container, disposed on unmount. Each new `option` replaces the previous one entirely.
 * @example <EChart option={{ series: [{ type: 'line', data: [[0, 1]] }] }} heightPx={300} locale="ZH" />
 */
export function EChart({ option, heightPx, locale }: EChartProps) {
  const containerRef = useRef<HTMLDivElement>(null);
  const chartRef = useRef<ECharts | null>(null);

  useEffect(() => {
    const container = containerRef.current;
    if (!container) return undefined;
    const chart = init(container, undefined, { renderer: 'svg', locale });
    chartRef.current = chart;
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
