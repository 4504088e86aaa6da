import {
  createdTokenSchema,
  tokenPageSchema,
  type CreatedToken,
  type TokenInput,
  type TokenPage,
} from '@ganzhi/contracts';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { callApi, callApiWithoutResult } from '../../../lib/api-client';

const tokenKeys = {
  all: ['tokens'] as const,
  page: (query: string) => [...tokenKeys.all, 'page', query] as const,
};

/**
 * A page of the user's API tokens (everyone's for holders of users:manage), revoked ones included, as the server sorts
 * and filters them (`query` from `useServerTable`).
 */
export function useTokenPage(query: string) {
  return useQuery({
    queryKey: tokenKeys.page(query),
    queryFn: (): Promise<TokenPage> => callApi(`/tokens?${query}`, { parser: tokenPageSchema }),
    placeholderData: keepPreviousData,
  });
}

/** Creates a token; its text is in the answer once and never again. */
export function useCreateToken() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: TokenInput): Promise<CreatedToken> =>
      callApi('/tokens', { method: 'POST', body: input, parser: createdTokenSchema }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: tokenKeys.all }),
  });
}

/** Revokes a token: it answers 401 from then on. */
export function useRevokeToken() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) =>
      callApiWithoutResult(`/tokens/${encodeURIComponent(id)}`, { method: 'DELETE' }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: tokenKeys.all }),
  });
}
