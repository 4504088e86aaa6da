import type { LoginInput } from '@ganzhi/contracts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { callApiWithoutResult } from '../../../lib/api-client';
import { isUnauthenticated } from '../../../lib/api-error';
import { SESSION_QUERY_KEY } from '../../../lib/query-client';

// The login page's calls, apart from auth-api.ts: they read no response body, so the first page every user loads
// carries no schema library. The signed-in frame reads the session user with the full contract (`useSession`).

/** Whether the browser already has a session (true), or none (false): the login page then leads on at once. */
export function useHasSession() {
  return useQuery({
    queryKey: [...SESSION_QUERY_KEY, 'exists'],
    queryFn: async (): Promise<boolean> => {
      try {
        await callApiWithoutResult('/auth/me', {});
        return true;
      } catch (error) {
        if (isUnauthenticated(error)) return false;
        throw error;
      }
    },
    staleTime: 60_000,
  });
}

/** Signs in; the session user is read afresh by the signed-in frame. */
export function useLogin() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: LoginInput): Promise<void> =>
      callApiWithoutResult('/auth/login', { method: 'POST', body: input }),
    onSuccess: () => queryClient.removeQueries({ queryKey: SESSION_QUERY_KEY }),
  });
}
