import { locationPageSchema, type Location, type LocationInput, type LocationPage } from '@ganzhi/contracts';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { callApi, callApiForEveryItem, callApiWithoutResult } from '../../../lib/api-client';

/** Last-hour figures change with every run; the same beat as the dashboards. */
const REFRESH_INTERVAL_MS = 10_000;

const locationKeys = {
  all: ['locations'] as const,
  every: () => [...locationKeys.all, 'every'] as const,
  page: (query: string) => [...locationKeys.all, 'page', query] as const,
};

/**
 * Every location that is named, served by an agent or chosen by a check, with its last hour of results: every page
 * of the list, for the map, the pickers and location names (a province has tens of locations, not thousands).
 */
export function useLocations() {
  return useQuery({
    queryKey: locationKeys.every(),
    queryFn: (): Promise<Location[]> => callApiForEveryItem('/locations', { parser: locationPageSchema }),
    refetchInterval: REFRESH_INTERVAL_MS,
  });
}

/** One page of locations as the server sorts and filters them (`query` from `useServerTable`). */
export function useLocationPage(query: string) {
  return useQuery({
    queryKey: locationKeys.page(query),
    queryFn: (): Promise<LocationPage> => callApi(`/locations?${query}`, { parser: locationPageSchema }),
    refetchInterval: REFRESH_INTERVAL_MS,
    placeholderData: keepPreviousData,
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
