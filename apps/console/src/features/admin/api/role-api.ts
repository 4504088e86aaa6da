import { listOf, roleSchema, type Permission, type Role } from '@ganzhi/contracts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { callApi, callApiWithoutResult } from '../../../lib/api-client';

const roleKeys = { all: ['roles'] as const };
// The answer also lists every permission there is; the console has the same list from the contracts.
const roleListSchema = listOf(roleSchema);

/** Built-in and custom roles. Every signed-in user may list them. */
export function useRoles() {
  return useQuery({
    queryKey: roleKeys.all,
    queryFn: async (): Promise<Role[]> => (await callApi('/roles', { parser: roleListSchema })).items,
    staleTime: 60_000,
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
