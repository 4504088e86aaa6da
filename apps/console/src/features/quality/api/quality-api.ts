import {
  baselineComparisonSchema,
  indicatorCurrentValuesSchema,
  indicatorPageSchema,
  indicatorResetSchema,
  indicatorSchema,
  rankingSchema,
  scoreOverviewSchema,
  serviceDrillSchema,
  type BaselineComparison,
  type Indicator,
  type IndicatorCurrentValues,
  type IndicatorInput,
  type IndicatorPage,
  type Ranking,
  type ScoreOverview,
  type ServiceDrill,
} from '@ganzhi/contracts';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { callApi, callApiForEveryItem } from '../../../lib/api-client';

/** Snapshots are written every five minutes; a minute's refresh keeps the overview current. */
const REFRESH_INTERVAL_MS = 60_000;

const qualityKeys = {
  overview: (resolution: string) => ['scores', 'overview', resolution] as const,
  drill: (query: ServiceDrillQuery) => ['scores', 'service', query] as const,
  rankings: (query: RankingQuery) => ['rankings', query] as const,
  baseline: (query: BaselineQuery) => ['baselines', query] as const,
  indicators: ['indicators'] as const,
  indicatorPage: (query: string) => ['indicators', 'page', query] as const,
  indicatorValues: ['scores', 'indicators'] as const,
};

function search(params: Readonly<Record<string, string | undefined>>): string {
  const defined = Object.entries(params).filter((entry): entry is [string, string] => entry[1] !== undefined);
  return defined.length === 0 ? '' : `?${new URLSearchParams(defined).toString()}`;
}

export function useScoreOverview(resolution: '5m' | '1h') {
  return useQuery({
    queryKey: qualityKeys.overview(resolution),
    queryFn: (): Promise<ScoreOverview> =>
      callApi(`/scores/overview${search({ resolution })}`, { parser: scoreOverviewSchema }),
    refetchInterval: REFRESH_INTERVAL_MS,
  });
}

export interface ServiceDrillQuery {
  readonly business: string;
  readonly channel: string;
  readonly region?: string | undefined;
  readonly from?: string | undefined;
  readonly to?: string | undefined;
}

export function useServiceDrill(query: ServiceDrillQuery) {
  return useQuery({
    queryKey: qualityKeys.drill(query),
    queryFn: (): Promise<ServiceDrill> =>
      callApi(
        `/scores/services/${encodeURIComponent(query.business)}/${encodeURIComponent(query.channel)}${search({
          region: query.region,
          from: query.from,
          to: query.to,
        })}`,
        { parser: serviceDrillSchema },
      ),
    placeholderData: keepPreviousData,
    refetchInterval: REFRESH_INTERVAL_MS,
  });
}

export interface RankingQuery {
  readonly by: 'business' | 'service';
  readonly period: 'hour' | 'day';
  readonly channel?: string | undefined;
  readonly region?: string | undefined;
}

export function useRankings(query: RankingQuery) {
  return useQuery({
    queryKey: qualityKeys.rankings(query),
    queryFn: (): Promise<Ranking> => callApi(`/rankings${search({ ...query })}`, { parser: rankingSchema }),
    placeholderData: keepPreviousData,
    refetchInterval: REFRESH_INTERVAL_MS,
  });
}

export interface BaselineQuery {
  readonly business: string;
  readonly channel: string;
  readonly region?: string | undefined;
  readonly metric: BaselineComparison['metric'];
  readonly from?: string | undefined;
  readonly to?: string | undefined;
}

export function useBaselineComparison(query: BaselineQuery) {
  return useQuery({
    queryKey: qualityKeys.baseline(query),
    queryFn: (): Promise<BaselineComparison> =>
      callApi(
        `/baselines/services/${encodeURIComponent(query.business)}/${encodeURIComponent(query.channel)}${search(
          {
            region: query.region,
            metric: query.metric,
            from: query.from,
            to: query.to,
          },
        )}`,
        { parser: baselineComparisonSchema },
      ),
    placeholderData: keepPreviousData,
  });
}

export function useIndicators() {
  return useQuery({
    queryKey: qualityKeys.indicators,
    queryFn: (): Promise<Indicator[]> => callApiForEveryItem('/indicators', { parser: indicatorPageSchema }),
  });
}

/** One page of the catalogue as the server sorts and filters it (`query` from `useServerTable`). */
export function useIndicatorPage(query: string) {
  return useQuery({
    queryKey: qualityKeys.indicatorPage(query),
    queryFn: (): Promise<IndicatorPage> => callApi(`/indicators?${query}`, { parser: indicatorPageSchema }),
    placeholderData: keepPreviousData,
  });
}

/** Each indicator's current value over the last hour, scored against its thresholds (the catalogue page). */
export function useIndicatorValues({ enabled }: { readonly enabled: boolean }) {
  return useQuery({
    enabled,
    queryKey: qualityKeys.indicatorValues,
    queryFn: (): Promise<IndicatorCurrentValues> =>
      callApi('/scores/indicators', { parser: indicatorCurrentValuesSchema }),
    refetchInterval: REFRESH_INTERVAL_MS,
  });
}

/** Saves (creates or overrides) an indicator; the server checks formula and thresholds and names each problem. */
export function useSaveIndicator() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: IndicatorInput) =>
      callApi(`/indicators/${encodeURIComponent(input.id)}`, {
        method: 'PUT',
        body: input,
        parser: indicatorSchema,
      }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: qualityKeys.indicators }),
  });
}

/** Deletes a custom indicator or resets a built-in one to its shipped definition. */
export function useResetIndicator() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) =>
      callApi(`/indicators/${encodeURIComponent(id)}`, {
        method: 'DELETE',
        parser: indicatorResetSchema,
      }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: qualityKeys.indicators }),
  });
}
