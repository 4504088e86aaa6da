import {
  dimensionsSchema,
  servicePageSchema,
  type DimensionKind,
  type DimensionsInput,
  type ServicePage,
} from '@ganzhi/contracts';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { callApi, callApiWithoutResult } from '../../../lib/api-client';

/** Creates or updates dimension values by code (any subset); the server names each problem's field. */
export function useSaveDimensions() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: Partial<DimensionsInput>) =>
      callApi('/dimensions', { method: 'PUT', body: input, parser: dimensionsSchema }),
    onSuccess: (dimensions) => queryClient.setQueryData(['dimensions'], dimensions),
  });
}

export function useDeleteAlias() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ kind, alias }: { kind: DimensionKind; alias: string }) =>
      callApiWithoutResult(`/dimensions/aliases/${kind}/${encodeURIComponent(alias)}`, { method: 'DELETE' }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['dimensions'] }),
  });
}

/**
 * One page of the services (business × channel) that have probe or transaction measurements, as the server sorts and
 * filters them (`query` from `useServerTable`).
 */
export function useServicePage(query: string) {
  return useQuery({
    queryKey: ['services', 'page', query],
    queryFn: (): Promise<ServicePage> => callApi(`/services?${query}`, { parser: servicePageSchema }),
    placeholderData: keepPreviousData,
  });
}
