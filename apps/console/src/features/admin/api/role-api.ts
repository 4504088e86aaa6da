import { rolePageSchema, roleSchema, type Permission, type Role, type RolePage } from '@ganzhi/contracts';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { callApi, callApiForEveryItem, callApiWithoutResult } from '../../../lib/api-client';

const roleKeys = {
  all: ['roles'] as const,
  every: () => [...roleKeys.all, 'every'] as const,
  page: (query: string) => [...roleKeys.all, 'page', query] as const,
};

/**
 * Every built-in and custom role (every page of the list), for pickers and the permission matrix. Every signed-in
 * user may list them.
 */
export function useRoles() {
  return useQuery({
    queryKey: roleKeys.every(),
    // The answer also lists every permission there is; the console has the same list from the contracts.
    queryFn: (): Promise<Role[]> => callApiForEveryItem('/roles', { parser: rolePageSchema }),
    staleTime: 60_000,
  });
}

/** One page of roles as the server sorts and filters them (`query` from `useServerTable`). */
export function useRolePage(query: string) {
  return useQuery({
    queryKey: roleKeys.page(query),
    queryFn: (): Promise<RolePage> => callApi(`/roles?${query}`, { parser: rolePageSchema }),
    placeholderData: keepPreviousData,
  });
}

export interface RoleSave {
  readonly name: string;
  readonly description: string;
  readonly permissions: readonly Permission[];
}

/** Creates or replaces a custom role (built-ins cannot be changed). */
export function useSaveRole() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ name, ...body }: RoleSave): Promise<Role> =>
      callApi(`/roles/${encodeURIComponent(name)}`, { method: 'PUT', body, parser: roleSchema }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: roleKeys.all }),
  });
}

/** Deletes a custom role; the server refuses while someone holds it. */
export function useDeleteRole() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (name: string) =>
      callApiWithoutResult(`/roles/${encodeURIComponent(name)}`, { method: 'DELETE' }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: roleKeys.all }),
  });
}
