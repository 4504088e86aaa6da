import { secretPageSchema, type SecretPage, type StoredSecretInput } from '@ganzhi/contracts';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { callApi, callApiWithoutResult } from '../../../lib/api-client';

const secretKeys = {
  all: ['secrets'] as const,
  page: (query: string) => [...secretKeys.all, 'page', query] as const,
};

/**
 * A page of probe secrets, stored and from the built-in agent's environment, as the server sorts and filters them
 * (`query` from `useServerTable`); values never come back.
 */
export function useSecretPage(query: string) {
  return useQuery({
    queryKey: secretKeys.page(query),
    queryFn: (): Promise<SecretPage> => callApi(`/secrets?${query}`, { parser: secretPageSchema }),
    placeholderData: keepPreviousData,
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
