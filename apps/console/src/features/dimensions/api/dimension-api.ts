import { dimensionsSchema, type Dimensions } from '@ganzhi/contracts';
import { useQuery } from '@tanstack/react-query';
import { callApi } from '../../../lib/api-client';

/** Channels, businesses and regions; they change rarely, so one fetch per five minutes is plenty. */
export function useDimensions() {
  return useQuery({
    queryKey: ['dimensions'],
    queryFn: (): Promise<Dimensions> => callApi('/dimensions', { parser: dimensionsSchema }),
    staleTime: 5 * 60_000,
  });
}
