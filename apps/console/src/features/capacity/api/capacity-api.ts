import {
  capacityReportSchema,
  capacitySettingsSchema,
  type CapacityReport,
  type CapacitySettingsInput,
} from '@ganzhi/contracts';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { callApi } from '../../../lib/api-client';

const capacityKeys = { all: ['capacity'] as const, month: (month: string) => ['capacity', month] as const };

/** Running and capability index of every system for a month (YYYY-MM, local time). */
export function useCapacity(month: string) {
  return useQuery({
    queryKey: capacityKeys.month(month),
    queryFn: (): Promise<CapacityReport> =>
      callApi(`/capacity?month=${encodeURIComponent(month)}`, { parser: capacityReportSchema }),
    placeholderData: keepPreviousData,
    refetchInterval: 60_000,
  });
}

/** Saves a system's planned and configured tpmC, CPU threshold and daytime window. */
export function useSaveCapacitySettings() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ system, input }: { system: string; input: CapacitySettingsInput }) =>
      callApi(`/capacity/systems/${encodeURIComponent(system)}/settings`, {
        method: 'PUT',
        body: input,
        parser: capacitySettingsSchema,
      }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: capacityKeys.all }),
  });
}
