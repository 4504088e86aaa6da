import { transactionSeriesSchema, type TransactionSeries } from '@ganzhi/contracts';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { apiUrl, callApi } from '../../../lib/api-client';

/** The explorer's series for a query string built by `apiParamsOf`; refreshed every 30 s when `live`. */
export function useTransactionSeries(query: string, live: boolean) {
  return useQuery({
    queryKey: ['transactions', 'series', query],
    queryFn: (): Promise<TransactionSeries> =>
      callApi(`/transactions/series?${query}`, { parser: transactionSeriesSchema }),
    placeholderData: keepPreviousData,
    refetchInterval: live ? 30_000 : false,
  });
}

/** Where the browser downloads the same series as CSV (the session cookie authenticates it). */
export function exportCsvUrl(query: string): string {
  return apiUrl(`/transactions/export.csv?${query}`);
}
