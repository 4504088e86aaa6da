import { userSchema, type PasswordChange, type User } from '@ganzhi/contracts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { callApi, callApiWithoutResult, fieldParser } from '../../../lib/api-client';
import { SESSION_QUERY_KEY } from '../../../lib/query-client';

const userParser = fieldParser('user', userSchema);

/** The signed-in user; fails with a 401 ApiError when there is no session. */
export function useSession() {
  return useQuery({
    queryKey: SESSION_QUERY_KEY,
    queryFn: (): Promise<User> => callApi('/auth/me', { parser: userParser }),
    staleTime: 60_000,
  });
}

/** Ends the session and forgets every cached response, so the next user sees nothing of this one's. */
export function useLogout() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => callApiWithoutResult('/auth/logout', { method: 'POST' }),
    onSettled: () => queryClient.clear(),
  });
}

/** Changes the signed-in user's own password. The server ends every session of theirs, so the cache goes too. */
export function useChangeOwnPassword() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: PasswordChange) =>
      callApiWithoutResult('/auth/password', { method: 'POST', body: input }),
    onSuccess: () => queryClient.clear(),
  });
}
