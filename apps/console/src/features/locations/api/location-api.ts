import { listOf, locationSchema, type Location, type LocationInput } from '@ganzhi/contracts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { callApiWithoutResult, callApi } from '../../../lib/api-client';

/** Last-hour figures change with every run; the same beat as the dashboards. */
const REFRESH_INTERVAL_MS = 10_000;

const locationKeys = { all: ['locations'] as const };

const locationListSchema = listOf(locationSchema);

/** Every location that is named, served by an agent or chosen by a check, with its last hour of results. */
export function useLocations() {
  return useQuery({
    queryKey: locationKeys.all,
    queryFn: async (): Promise<Location[]> =>
      (await callApi('/locations', { parser: locationListSchema })).items,
    refetchInterval: REFRESH_INTERVAL_MS,
  });
}

/** Names a location and maps it to a city and optionally a channel site. */
export function useSaveLocation() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ code, input }: { code: string; input: LocationInput }) =>
      callApiWithoutResult(`/locations/${encodeURIComponent(code)}`, { method: 'PUT', body: input }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: locationKeys.all }),
  });
}
