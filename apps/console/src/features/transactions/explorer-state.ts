import type { TransactionGroupBy } from '@ganzhi/contracts';
import { isTimeRange, seriesWindowOf, type TimeRange } from '../checks';

/** What the explorer shows, all of it carried in the URL so a view can be shared as a link. */
export interface ExplorerState {
  readonly range: TimeRange;
  readonly channel: readonly string[];
  readonly business: readonly string[];
  readonly region: readonly string[];
  readonly segment: readonly string[];
  readonly compare: TransactionGroupBy;
}

export const FILTER_KEYS = ['channel', 'business', 'region', 'segment'] as const;
export type FilterKey = (typeof FILTER_KEYS)[number];
const GROUPS: readonly TransactionGroupBy[] = ['none', 'channel', 'business', 'region', 'segment'];

const listOf = (params: URLSearchParams, key: string) =>
  (params.get(key) ?? '')
    .split(',')
    .map((value) => value.trim())
    .filter(Boolean);

export function stateFromSearch(params: URLSearchParams): ExplorerState {
  const range = params.get('range');
  const compare = params.get('compare');
  return {
    range: isTimeRange(range) ? range : '6h',
    channel: listOf(params, 'channel'),
    business: listOf(params, 'business'),
    region: listOf(params, 'region'),
    segment: listOf(params, 'segment'),
    compare: GROUPS.find((group) => group === compare) ?? 'none',
  };
}

/** The URL form of a state: defaults and empty filters are left out. */
export function searchFromState(state: ExplorerState): URLSearchParams {
  const params = new URLSearchParams();
  if (state.range !== '6h') params.set('range', state.range);
  for (const key of FILTER_KEYS) if (state[key].length > 0) params.set(key, state[key].join(','));
  if (state.compare !== 'none') params.set('compare', state.compare);
  return params;
}

/** The API query of a state at `nowMs`: the window, its resolution, the filters and the grouping. */
export function apiParamsOf(state: ExplorerState, nowMs: number): URLSearchParams {
  const window = seriesWindowOf(state.range, nowMs);
  const params = new URLSearchParams({ from: window.from, to: window.to, resolution: window.resolution });
  for (const key of FILTER_KEYS) if (state[key].length > 0) params.set(key, state[key].join(','));
  params.set('groupBy', state.compare);
  return params;
}
