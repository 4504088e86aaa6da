import {
  dimensionsSchema,
  listOf,
  serviceSchema,
  type DimensionKind,
  type DimensionsInput,
  type Service,
} from '@ganzhi/contracts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { callApi, callApiWithoutResult } from '../../../lib/api-client';

const serviceListSchema = listOf(serviceSchema);

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

/** Services (business × channel) that have probe or transaction measurements. */
export function useServices() {
  return useQuery({
    queryKey: ['services'],
    queryFn: async (): Promise<Service[]> =>
      (await callApi('/services', { parser: serviceListSchema })).items,
  });
}
