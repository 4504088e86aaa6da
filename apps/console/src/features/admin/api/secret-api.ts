import { listOf, storedSecretSchema, type StoredSecret, type StoredSecretInput } from '@ganzhi/contracts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { callApi, callApiWithoutResult } from '../../../lib/api-client';

const secretKeys = { all: ['secrets'] as const };
const secretListSchema = listOf(storedSecretSchema);

/** Probe secrets by name, stored and from the built-in agent's environment; values never come back. */
export function useSecrets() {
  return useQuery({
    queryKey: secretKeys.all,
    queryFn: async (): Promise<StoredSecret[]> =>
      (await callApi('/secrets', { parser: secretListSchema })).items,
  });
}

/** Stores a secret under `name`, replacing any value it had. */
export function usePutSecret() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ name, input }: { name: string; input: StoredSecretInput }) =>
      callApiWithoutResult(`/secrets/${encodeURIComponent(name)}`, { method: 'PUT', body: input }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: secretKeys.all }),
  });
}

export function useDeleteSecret() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (name: string) =>
      callApiWithoutResult(`/secrets/${encodeURIComponent(name)}`, { method: 'DELETE' }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: secretKeys.all }),
  });
}
