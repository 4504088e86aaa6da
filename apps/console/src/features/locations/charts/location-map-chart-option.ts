import { classifyFailures } from '@ganzhi/quality';
import { ScatterChart } from 'echarts/charts';
import { registerChartParts, type ChartOption } from '../../../components/e-chart';
import { FAILURE_TIER_COLORS } from '../../../lib/failure-tier';
import { formatRatioAsPercent } from '../../../lib/format-latency';
import type { Translate } from '../../../lib/i18n';
import type { CityPoint } from '../city-points';
import { coordinatesOfCity, HUNAN_BOUNDS } from '../hunan-cities';

/** The chart types and components these options draw with (grid and tooltip are always there). */
const CHART_PARTS = [ScatterChart];

/** A covered city whose locations ran nothing in the last hour: there, but silent. */
const NO_RUNS_COLOR = '#8c8c8c';
const UNCOVERED_COLOR = '#bfbfbf';

export interface LocationMapInput {
  /** Every city, covered or not (see `cityPointsOf`). */
  readonly cities: readonly CityPoint[];
  /** The display name of a city code in the current language. */
  readonly nameOfCity: (code: string) => string;
  readonly t: Translate;
}

/**
 * Dot diameter in px by runs in the last hour: logarithmic, because one busy city would otherwise dwarf the rest
 * (a 10 s check alone makes 360 runs an hour). 14 px with no runs, 38 px at 1 000, at most 48 px.
 */
export function symbolSizeOfRuns(runs: number): number {
  return Math.min(48, Math.round(14 + 8 * Math.log10(1 + Math.max(0, runs))));
}

/** Colour of a city by its failure ratio over the last hour, grey when it had no runs. */
export function colorOfCity(point: Pick<CityPoint, 'runs' | 'failures'>): string {
  if (point.runs === 0) return NO_RUNS_COLOR;
  return FAILURE_TIER_COLORS[classifyFailures(point.failures, point.runs)];
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);
}

function tooltipOf(point: CityPoint, input: LocationMapInput): string {
  const { t } = input;
  const title = `<strong>${escapeHtml(input.nameOfCity(point.cityCode))}</strong>`;
  if (point.locations.length === 0) return `${title}<br/>${escapeHtml(t('locations.tooltip.none'))}`;
  const names = point.locations.map((location) => location.name).join(', ');
  return [
    title,
    t('locations.tooltip.locations', { names }),
    t('locations.tooltip.agents', { healthy: point.healthyAgents, total: point.agents }),
    t('locations.tooltip.runs', { count: point.runs }),
    t('locations.tooltip.failures', {
      percent: formatRatioAsPercent(point.runs > 0 ? point.failures / point.runs : null),
    }),
  ]
    .map((line, index) => (index === 0 ? line : escapeHtml(line)))
    .join('<br/>');
}

function dataItemOf(point: CityPoint, input: LocationMapInput) {
  const coordinates = coordinatesOfCity(point.cityCode);
  const isCovered = point.locations.length > 0;
  return {
    // The city code, so a click names the city whatever the language.
    name: point.cityCode,
    value: [coordinates?.longitude ?? 0, coordinates?.latitude ?? 0, point.runs],
    symbolSize: isCovered ? symbolSizeOfRuns(point.runs) : 8,
    itemStyle: isCovered
      ? { color: colorOfCity(point), opacity: 0.85, borderColor: '#fff', borderWidth: 1 }
      : { color: 'transparent', borderColor: UNCOVERED_COLOR, borderWidth: 1.5 },
    label: {
      show: true,
      position: coordinates?.labelPosition ?? 'top',
      // A literal: a formatter string would treat "{" in a name as a template.
      formatter: () => input.nameOfCity(point.cityCode),
      color: isCovered ? '#262626' : '#8c8c8c',
      fontWeight: isCovered ? ('bold' as const) : ('normal' as const),
      fontSize: isCovered ? 13 : 11,
    },
  };
}

/**
 * Hunan's cities as a scatter on longitude × latitude: a dot per city with locations (size by runs, colour by
 * failure ratio) and a hollow dot per city still without one, so coverage gaps show at a glance.
 */
export function buildLocationMapChartOption(input: LocationMapInput): ChartOption {
  registerChartParts(CHART_PARTS);
  const byCode = new Map(input.cities.map((point) => [point.cityCode, point]));
  const placed = input.cities.filter((point) => coordinatesOfCity(point.cityCode) !== undefined);
  const axis = { type: 'value' as const, show: false, scale: true };
  return {
    grid: { left: 8, right: 8, top: 8, bottom: 8 },
    xAxis: { ...axis, min: HUNAN_BOUNDS.minLongitude, max: HUNAN_BOUNDS.maxLongitude },
    yAxis: { ...axis, min: HUNAN_BOUNDS.minLatitude, max: HUNAN_BOUNDS.maxLatitude },
    tooltip: {
      trigger: 'item',
      formatter: (params) => {
        const item = Array.isArray(params) ? params[0] : params;
        const point = item ? byCode.get(item.name) : undefined;
        return point ? tooltipOf(point, input) : '';
      },
    },
    series: [
      {
        id: 'uncovered',
        type: 'scatter',
        silent: false,
        data: placed.filter((point) => point.locations.length === 0).map((point) => dataItemOf(point, input)),
      },
      {
        id: 'covered',
        type: 'scatter',
        emphasis: { scale: 1.15 },
        data: placed.filter((point) => point.locations.length > 0).map((point) => dataItemOf(point, input)),
      },
    ],
  };
}
