import {
  checkListPageSchema,
  checkSchema,
  checkSeriesSchema,
  checkSummarySchema,
  runPageSchema,
  runSchema,
  tryResultSchema,
  type Check,
  type CheckInputRaw,
  type CheckListPage,
  type CheckSeries,
  type CheckSummary,
  type Run,
  type RunPage,
  type TryResult,
} from '@ganzhi/contracts';

export type { TryResult } from '@ganzhi/contracts';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { callApi, callApiForText, callApiWithoutResult } from '../../../lib/api-client';
import { seriesWindowOf, type TimeRange } from '../time-range';

/** Dashboards refresh on this beat; the built-in agent's shortest interval is 10 s too. */
export const REFRESH_INTERVAL_MS = 10_000;

const checkKeys = {
  all: ['checks'] as const,
  list: () => [...checkKeys.all, 'list'] as const,
  page: (query: string) => [...checkKeys.list(), query] as const,
  one: (id: string) => [...checkKeys.all, 'one', id] as const,
  runs: (id: string, filter: RunFilter) => [...checkKeys.all, 'one', id, 'runs', filter] as const,
  runPage: (id: string, query: string) => [...checkKeys.all, 'one', id, 'run-page', query] as const,
  series: (id: string, filter: SeriesFilter) => [...checkKeys.all, 'one', id, 'series', filter] as const,
};

/** Runs of one location only, or of all when `location` is null. */
export interface RunFilter {
  readonly location: string | null;
  readonly limit: number;
}

export interface SeriesFilter {
  readonly range: TimeRange;
  /** One location's series, or all locations together when null. */
  readonly location: string | null;
}

/** Query parameters for a location filter: none for all locations. */
function locationParams(location: string | null): Record<string, string> {
  return location === null ? {} : { location };
}

/**
 * One page of the checks list as the server sorts and filters it (`query` from `apiQueryOf`); only this page is
 * refreshed, and the previous page stays on screen while the next one loads.
 */
export function useCheckPage(query: string) {
  return useQuery({
    queryKey: checkKeys.page(query),
    queryFn: (): Promise<CheckListPage> => callApi(`/checks?${query}`, { parser: checkListPageSchema }),
    refetchInterval: REFRESH_INTERVAL_MS,
    placeholderData: keepPreviousData,
  });
}

export function useCheckSummary(id: string, options: { refresh: boolean }) {
  return useQuery({
    queryKey: checkKeys.one(id),
    queryFn: (): Promise<CheckSummary> =>
      callApi(`/checks/${encodeURIComponent(id)}`, { parser: checkSummarySchema }),
    refetchInterval: options.refresh ? REFRESH_INTERVAL_MS : false,
  });
}

/** The newest runs first, with step results and phase timings. */
export function useRuns(id: string, filter: RunFilter = { location: null, limit: 50 }) {
  return useQuery({
    queryKey: checkKeys.runs(id, filter),
    queryFn: async (): Promise<Run[]> => {
      const query = new URLSearchParams({ limit: String(filter.limit), ...locationParams(filter.location) });
      const path = `/checks/${encodeURIComponent(id)}/runs?${query.toString()}`;
      return (await callApi(path, { parser: runPageSchema })).items;
    },
    refetchInterval: REFRESH_INTERVAL_MS,
  });
}

/**
 * One page of a check's runs as the server sorts and filters them (`query` from `apiQueryOf`, plus the location);
 * the previous page stays on screen while the next one loads.
 */
export function useRunPage(id: string, query: string) {
  return useQuery({
    queryKey: checkKeys.runPage(id, query),
    queryFn: (): Promise<RunPage> =>
      callApi(`/checks/${encodeURIComponent(id)}/runs?${query}`, { parser: runPageSchema }),
    refetchInterval: REFRESH_INTERVAL_MS,
    placeholderData: keepPreviousData,
  });
}

/** Latency percentiles, failures and tiers; the window is recomputed on every refetch so it slides with time. */
export function useSeries(id: string, filter: SeriesFilter) {
  return useQuery({
    queryKey: checkKeys.series(id, filter),
    queryFn: (): Promise<CheckSeries> => {
      const window = seriesWindowOf(filter.range, Date.now());
      const query = new URLSearchParams({
        from: window.from,
        to: window.to,
        resolution: window.resolution,
        ...locationParams(filter.location),
      });
      return callApi(`/checks/${encodeURIComponent(id)}/series?${query.toString()}`, {
        parser: checkSeriesSchema,
      });
    },
    refetchInterval: REFRESH_INTERVAL_MS,
    // Switching ranges or locations keeps the old chart until the new data arrives instead of flashing empty.
    placeholderData: keepPreviousData,
  });
}

/** Creates a check, or replaces the one with `existingId` (PUT takes the full input). */
export function useSaveCheck(existingId: string | undefined) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: CheckInputRaw): Promise<Check> =>
      existingId === undefined
        ? callApi('/checks', { method: 'POST', body: input, parser: checkSchema })
        : callApi(`/checks/${encodeURIComponent(existingId)}`, {
            method: 'PUT',
            body: input,
            parser: checkSchema,
          }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: checkKeys.all }),
  });
}

export function useDeleteCheck(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => callApiWithoutResult(`/checks/${encodeURIComponent(id)}`, { method: 'DELETE' }),
    onSuccess: () => {
      queryClient.removeQueries({ queryKey: checkKeys.one(id) });
      return queryClient.invalidateQueries({ queryKey: checkKeys.list() });
    },
  });
}

/** Runs a definition once on the built-in agent without saving anything; 400 with `details` when it is invalid. */
export function useTryCheck() {
  return useMutation({
    mutationFn: (input: CheckInputRaw): Promise<TryResult> =>
      callApi('/checks/try', { method: 'POST', body: input, parser: tryResultSchema }),
  });
}

/** The text of a stored run's artifact (a problem scene, console errors); immutable, so fetched once. */
export function useArtifactText(path: string, enabled: boolean) {
  return useQuery({
    queryKey: ['artifacts', path],
    queryFn: () => callApiForText(path),
    enabled,
    staleTime: Infinity,
  });
}

/** Runs the check once on the built-in agent; the run is stored like a scheduled one. */
export function useRunNow(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (): Promise<Run> =>
      callApi(`/checks/${encodeURIComponent(id)}/run-now`, { method: 'POST', parser: runSchema }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: checkKeys.all }),
  });
}
