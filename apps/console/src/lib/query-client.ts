import { QueryCache, QueryClient } from '@tanstack/react-query';
import { isApiError, isUnauthenticated } from './api-error';

/** The query key of the current session; the session guard watches it. */
export const SESSION_QUERY_KEY = ['auth', 'me'] as const;

/** Client errors (4xx) will not change on retry; network and server errors might. */
function shouldRetry(failureCount: number, error: unknown): boolean {
  if (isApiError(error) && error.status >= 400 && error.status < 500) return false;
  return failureCount < 2;
}

/**
 * The console's one QueryClient. A 401 from any query means the session ended, so the session query is
 * refetched: it fails too, and the guard sends the user to the login page.
 */
export function createQueryClient(): QueryClient {
  const queryClient: QueryClient = new QueryClient({
    queryCache: new QueryCache({
      onError: (error, query) => {
        if (!isUnauthenticated(error) || query.queryKey[0] === SESSION_QUERY_KEY[0]) return;
        void queryClient.invalidateQueries({ queryKey: SESSION_QUERY_KEY });
      },
    }),
    defaultOptions: {
      queries: { retry: shouldRetry, refetchOnWindowFocus: true, staleTime: 5_000 },
      mutations: { retry: false },
    },
  });
  return queryClient;
}
