import {
  agentGapRecordSchema,
  agentPageSchema,
  createdEnrolmentTokenSchema,
  listOf,
  PAGE_SIZE_MAX,
  platformEventPageSchema,
  type Agent,
  type AgentGapRecord,
  type AgentPage,
  type CreatedEnrolmentToken,
  type EnrolmentTokenInput,
  type PlatformEventPage,
} from '@ganzhi/contracts';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { callApi, callApiWithoutResult } from '../../../lib/api-client';

/** Like the dashboards, so a stale agent shows up quickly. */
const REFRESH_INTERVAL_MS = 10_000;

/** Gaps are a short list of the newest records; older ones are for the API. */
const RECENT_LIMIT = 50;

const agentKeys = {
  all: ['agents'] as const,
  list: () => [...agentKeys.all, 'list'] as const,
  page: (query: string) => [...agentKeys.all, 'page', query] as const,
  gaps: () => [...agentKeys.all, 'gaps'] as const,
  events: () => ['events'] as const,
  eventPage: (query: string) => [...agentKeys.events(), query] as const,
};

const gapListSchema = listOf(agentGapRecordSchema);

/**
 * Probe agents with their health, backlog and clock: all of them (one page of the largest size), for the summary
 * cards, the location pickers and event texts. The agents table pages through the server (`useAgentPage`).
 */
export function useAgents() {
  return useQuery({
    queryKey: agentKeys.list(),
    queryFn: async (): Promise<Agent[]> =>
      (await callApi(`/agents?limit=${PAGE_SIZE_MAX}`, { parser: agentPageSchema })).items,
    refetchInterval: REFRESH_INTERVAL_MS,
  });
}

/** One page of agents as the server sorts and filters them (`query` from `apiQueryOf`). */
export function useAgentPage(query: string) {
  return useQuery({
    queryKey: agentKeys.page(query),
    queryFn: (): Promise<AgentPage> => callApi(`/agents?${query}`, { parser: agentPageSchema }),
    refetchInterval: REFRESH_INTERVAL_MS,
    placeholderData: keepPreviousData,
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

/** One page of what the platform noticed about its agents (down, recovered, revoked, gaps), newest first. */
export function usePlatformEventPage(query: string) {
  return useQuery({
    queryKey: agentKeys.eventPage(query),
    queryFn: (): Promise<PlatformEventPage> =>
      callApi(`/events?${query}`, { parser: platformEventPageSchema }),
    refetchInterval: REFRESH_INTERVAL_MS,
    placeholderData: keepPreviousData,
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
