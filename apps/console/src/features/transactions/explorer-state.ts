import type { Region, Resolution, TransactionGroupBy } from '@ganzhi/contracts';
import { isTimeRange, seriesWindowOf, type TimeRange } from '../checks';
import { withDescendants } from '../dimensions';

/** The window and resolution of one series query. */
export type SeriesWindow = ReturnType<typeof seriesWindowOf>;

/** A preset range ending now, or a fixed window chosen on the calendar. */
export type RangeChoice = TimeRange | 'custom';

/** What the explorer shows, all of it carried in the URL so a view can be shared as a link. */
export interface ExplorerState {
  readonly range: RangeChoice;
  /** The chosen window (ISO instants) when `range` is `custom`, else null. */
  readonly custom: { readonly from: string; readonly to: string } | null;
  readonly channel: readonly string[];
  readonly business: readonly string[];
  /** Regions as chosen (a province or city stands for everything below it; see `apiParamsOf`). */
  readonly region: readonly string[];
  readonly segment: readonly string[];
  readonly compare: TransactionGroupBy;
  /** Refetch every 30 s (a preset range then moves with the clock). */
  readonly live: boolean;
}

export const FILTER_KEYS = ['channel', 'business', 'region', 'segment'] as const;
export type FilterKey = (typeof FILTER_KEYS)[number];
export const COMPARE_OPTIONS: readonly TransactionGroupBy[] = [
  'none',
  'channel',
  'business',
  'region',
  'segment',
];

const DEFAULT_RANGE: TimeRange = '6h';
const HOUR_MS = 3_600_000;

const listOf = (params: URLSearchParams, key: string) =>
  (params.get(key) ?? '')
    .split(',')
    .map((value) => value.trim())
    .filter(Boolean);

/** A custom window from the URL, if both ends are instants in the right order. */
function customOf(params: URLSearchParams): ExplorerState['custom'] {
  const from = Date.parse(params.get('from') ?? '');
  const to = Date.parse(params.get('to') ?? '');
  if (!Number.isFinite(from) || !Number.isFinite(to) || from >= to) return null;
  return { from: new Date(from).toISOString(), to: new Date(to).toISOString() };
}

export function stateFromSearch(params: URLSearchParams): ExplorerState {
  const range = params.get('range');
  const compare = params.get('compare');
  const custom = range === 'custom' ? customOf(params) : null;
  return {
    range: custom ? 'custom' : isTimeRange(range) ? range : DEFAULT_RANGE,
    custom,
    channel: listOf(params, 'channel'),
    business: listOf(params, 'business'),
    region: listOf(params, 'region'),
    segment: listOf(params, 'segment'),
    compare: COMPARE_OPTIONS.find((group) => group === compare) ?? 'none',
    live: params.get('live') !== '0',
  };
}

/** The URL form of a state: defaults and empty filters are left out. */
export function searchFromState(state: ExplorerState): URLSearchParams {
  const params = new URLSearchParams();
  if (state.range === 'custom' && state.custom) {
    params.set('range', 'custom');
    params.set('from', state.custom.from);
    params.set('to', state.custom.to);
  } else if (state.range !== DEFAULT_RANGE && state.range !== 'custom') params.set('range', state.range);
  for (const key of FILTER_KEYS) if (state[key].length > 0) params.set(key, state[key].join(','));
  if (state.compare !== 'none') params.set('compare', state.compare);
  if (!state.live) params.set('live', '0');
  return params;
}

/** True when any dimension filter narrows the view. */
export function hasFilters(state: ExplorerState): boolean {
  return FILTER_KEYS.some((key) => state[key].length > 0);
}

/**
 * The finest resolution that keeps a custom window readable, as the presets do: minutes up to 6 hours (360 points),
 * hours up to 14 days (336), days beyond — all well inside what the server accepts per resolution.
 */
export function resolutionForSpan(spanMs: number): Resolution {
  if (spanMs <= 6 * HOUR_MS) return 'minute';
  if (spanMs <= 14 * 24 * HOUR_MS) return 'hour';
  return 'day';
}

/** The window a state shows at `nowMs`: a preset ends now, a custom window is fixed. */
export function windowOf(state: ExplorerState, nowMs: number): SeriesWindow {
  if (state.range === 'custom' && state.custom) {
    const { from, to } = state.custom;
    return { from, to, resolution: resolutionForSpan(Date.parse(to) - Date.parse(from)) };
  }
  return seriesWindowOf(state.range === 'custom' ? DEFAULT_RANGE : state.range, nowMs);
}

/**
 * The API query of a state over `window`: the filters and the grouping. Transactions carry their city (or county),
 * so a chosen province or city is sent with every region below it (`regions` being the known tree).
 */
export function apiParamsOf(
  state: ExplorerState,
  context: { readonly window: SeriesWindow; readonly regions: readonly Region[] | undefined },
): URLSearchParams {
  const { window, regions } = context;
  const params = new URLSearchParams({ from: window.from, to: window.to, resolution: window.resolution });
  for (const key of FILTER_KEYS) {
    const codes = key === 'region' ? withDescendants(regions, state.region) : state[key];
    if (codes.length > 0) params.set(key, codes.join(','));
  }
  params.set('groupBy', state.compare);
  return params;
}
