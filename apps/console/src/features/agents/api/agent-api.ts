import {
  agentGapRecordSchema,
  agentSchema,
  createdEnrolmentTokenSchema,
  listOf,
  platformEventSchema,
  type Agent,
  type AgentGapRecord,
  type CreatedEnrolmentToken,
  type EnrolmentTokenInput,
  type PlatformEvent,
} from '@ganzhi/contracts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { callApi, callApiWithoutResult } from '../../../lib/api-client';

/** Like the dashboards, so a stale agent shows up quickly. */
const REFRESH_INTERVAL_MS = 10_000;

/** Gaps and events are short lists of the newest records; older ones are for the API. */
const RECENT_LIMIT = 50;

const agentKeys = {
  all: ['agents'] as const,
  list: () => [...agentKeys.all, 'list'] as const,
  gaps: () => [...agentKeys.all, 'gaps'] as const,
  events: () => ['events'] as const,
};

const agentListSchema = listOf(agentSchema);
const gapListSchema = listOf(agentGapRecordSchema);
const eventListSchema = listOf(platformEventSchema);

/** Probe agents with their health, backlog and clock. */
export function useAgents() {
  return useQuery({
    queryKey: agentKeys.list(),
    queryFn: async (): Promise<Agent[]> => (await callApi('/agents', { parser: agentListSchema })).items,
    refetchInterval: REFRESH_INTERVAL_MS,
  });
}

/** Runs agents had to drop (buffer full or too old), newest first. */
export function useAgentGaps() {
  return useQuery({
    queryKey: agentKeys.gaps(),
    queryFn: async (): Promise<AgentGapRecord[]> =>
      (await callApi(`/agents/gaps?limit=${RECENT_LIMIT}`, { parser: gapListSchema })).items,
    refetchInterval: REFRESH_INTERVAL_MS,
  });
}

/** What the platform noticed about its agents (down, recovered, revoked, gaps), newest first. */
export function usePlatformEvents() {
  return useQuery({
    queryKey: agentKeys.events(),
    queryFn: async (): Promise<PlatformEvent[]> =>
      (await callApi(`/events?limit=${RECENT_LIMIT}`, { parser: eventListSchema })).items,
    refetchInterval: REFRESH_INTERVAL_MS,
  });
}

/** Issues a one-time enrolment token; the answer is the only time the token can be read. */
export function useCreateEnrolmentToken() {
  return useMutation({
    mutationFn: (input: EnrolmentTokenInput): Promise<CreatedEnrolmentToken> =>
      callApi('/agents/enrolment-tokens', {
        method: 'POST',
        body: input,
        parser: createdEnrolmentTokenSchema,
      }),
  });
}

/** Revokes an agent: its credential stops working and its checks move to the agents left at its location. */
export function useRevokeAgent() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) =>
      callApiWithoutResult(`/agents/${encodeURIComponent(id)}/revoke`, { method: 'POST' }),
    onSuccess: () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: agentKeys.all }),
        queryClient.invalidateQueries({ queryKey: agentKeys.events() }),
      ]),
  });
}
