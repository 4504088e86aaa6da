import { agentSchema, listOf, type Agent } from '@ganzhi/contracts';
import { useQuery } from '@tanstack/react-query';
import { callApi } from '../../../lib/api-client';

const agentListSchema = listOf(agentSchema);

/** Probe agents with their health; refreshed like the dashboards so a stale agent shows up quickly. */
export function useAgents() {
  return useQuery({
    queryKey: ['agents'],
    queryFn: async (): Promise<Agent[]> => (await callApi('/agents', { parser: agentListSchema })).items,
    refetchInterval: 10_000,
  });
}
