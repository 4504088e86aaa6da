import type {
  BarSeriesOption,
  HeatmapSeriesOption,
  LineSeriesOption,
  PieSeriesOption,
  ScatterSeriesOption,
} from 'echarts/charts';
import {
  GridComponent,
  TooltipComponent,
  type GridComponentOption,
  type LegendComponentOption,
  type TooltipComponentOption,
  type VisualMapComponentOption,
} from 'echarts/components';
import { init, use, type ComposeOption, type ECharts } from 'echarts/core';
import { SVGRenderer } from 'echarts/renderers';
import { useEffect, useRef } from 'react';

// What every chart uses: the axes grid, the tooltip and the renderer. SVG renders crisply in screenshots and also
// works in jsdom, where the canvas renderer does not. Chart types and other components are registered by the option
// builders that use them (registerChartParts), so a page's chunks carry only what that page draws.
use([GridComponent, TooltipComponent, SVGRenderer]);

/** A chart type or component to register with ECharts, from `echarts/charts` or `echarts/components`. */
export type ChartPart = Extract<Parameters<typeof use>[0], readonly unknown[]>[number];

/**
 * Registers the chart types and components (beyond grid and tooltip) that an option draws with. Each option builder
 * calls it with its own parts before returning an option, so the chart types of other pages (bars, pies, legends on
 * the quality overview) are in no chunk the page loads. Registering a part again does nothing.
 * @example registerChartParts([LineChart, MarkLineComponent])
 */
export function registerChartParts(parts: readonly ChartPart[]): void {
  use([...parts]);
}

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
 * The option's chart types must have been registered (option builders call registerChartParts).
 * @example <EChart option={buildScoreTrendOption(points, t)} heightPx={300} locale="ZH" />
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
