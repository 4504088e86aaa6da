import {
  userDetailSchema,
  userPageSchema,
  type UserCreate,
  type UserDetail,
  type UserPage,
  type UserUpdate,
} from '@ganzhi/contracts';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { callApi, callApiWithoutResult } from '../../../lib/api-client';

const userKeys = {
  all: ['users'] as const,
  page: (query: string) => [...userKeys.all, 'page', query] as const,
};

/** One page of users as the server sorts and filters them (`query` from `useServerTable`). */
export function useUserPage(query: string) {
  return useQuery({
    queryKey: userKeys.page(query),
    queryFn: (): Promise<UserPage> => callApi(`/users?${query}`, { parser: userPageSchema }),
    placeholderData: keepPreviousData,
  });
}

/** Creates a user; a password against the policy comes back as 400 with `details` on `password`. */
export function useCreateUser() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: UserCreate): Promise<UserDetail> =>
      callApi('/users', { method: 'POST', body: input, parser: userDetailSchema }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: userKeys.all }),
  });
}

/** Changes names, roles, scope or the disabled flag; disabling ends the user's sessions. */
export function useUpdateUser() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, input }: { id: string; input: UserUpdate }): Promise<UserDetail> =>
      callApi(`/users/${encodeURIComponent(id)}`, { method: 'PATCH', body: input, parser: userDetailSchema }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: userKeys.all }),
  });
}

/** Sets another user's password; their sessions end. */
export function useResetPassword() {
  return useMutation({
    mutationFn: ({ id, password }: { id: string; password: string }) =>
      callApiWithoutResult(`/users/${encodeURIComponent(id)}/password`, {
        method: 'POST',
        body: { password },
      }),
  });
}

/** Removes a user's second factor (a lost phone); their sessions end and they sign in with the password alone. */
export function useResetTotp() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) =>
      callApiWithoutResult(`/users/${encodeURIComponent(id)}/totp/reset`, { method: 'POST' }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: userKeys.all }),
  });
}
