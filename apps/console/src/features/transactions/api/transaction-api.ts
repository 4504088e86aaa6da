import { transactionSeriesSchema, type Region, type TransactionSeries } from '@ganzhi/contracts';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { apiUrl, callApi } from '../../../lib/api-client';
import { withDescendants } from '../../dimensions';
import {
  apiParamsOf,
  searchFromState,
  windowOf,
  type ExplorerState,
  type SeriesWindow,
} from '../explorer-state';

/**
 * The explorer's series for a state, refetched every 30 s when `live`. The window is taken when the request goes
 * out, so a refetch of a preset range moves with the clock while the query key (the state) stays the same.
 */
export function useTransactionSeries(state: ExplorerState, regions: readonly Region[] | undefined) {
  const view = searchFromState({ ...state, live: true }).toString();
  const sentRegions = withDescendants(regions, state.region).join(',');
  return useQuery({
    queryKey: ['transactions', 'series', view, sentRegions],
    queryFn: (): Promise<TransactionSeries> => {
      const params = apiParamsOf(state, { window: windowOf(state, Date.now()), regions });
      return callApi(`/transactions/series?${params.toString()}`, { parser: transactionSeriesSchema });
    },
    placeholderData: keepPreviousData,
    refetchInterval: state.live ? 30_000 : false,
  });
}

/**
 * Where the browser downloads the series shown as CSV (the session cookie authenticates it): the same filters and
 * the same window, so the file matches the charts.
 */
export function exportCsvUrl(
  state: ExplorerState,
  context: { readonly window: SeriesWindow; readonly regions: readonly Region[] | undefined },
): string {
  return apiUrl(`/transactions/export.csv?${apiParamsOf(state, context).toString()}`);
}
