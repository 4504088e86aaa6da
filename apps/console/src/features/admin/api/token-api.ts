import {
  createdTokenSchema,
  listOf,
  tokenDetailSchema,
  type CreatedToken,
  type TokenDetail,
  type TokenInput,
} from '@ganzhi/contracts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { callApi, callApiWithoutResult } from '../../../lib/api-client';

const tokenKeys = { all: ['tokens'] as const };
const tokenListSchema = listOf(tokenDetailSchema);

/** The user's API tokens (everyone's for holders of users:manage), revoked ones included. */
export function useTokens() {
  return useQuery({
    queryKey: tokenKeys.all,
    queryFn: async (): Promise<TokenDetail[]> =>
      (await callApi('/tokens', { parser: tokenListSchema })).items,
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
