import {
  agentGapPageSchema,
  agentPageSchema,
  createdEnrolmentTokenSchema,
  platformEventPageSchema,
  type Agent,
  type AgentGapPage,
  type AgentPage,
  type CreatedEnrolmentToken,
  type EnrolmentTokenInput,
  type PlatformEventPage,
} from '@ganzhi/contracts';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { callApi, callApiForEveryItem, callApiWithoutResult } from '../../../lib/api-client';

/** Like the dashboards, so a stale agent shows up quickly. */
const REFRESH_INTERVAL_MS = 10_000;

const agentKeys = {
  all: ['agents'] as const,
  list: () => [...agentKeys.all, 'list'] as const,
  page: (query: string) => [...agentKeys.all, 'page', query] as const,
  gaps: (query: string) => [...agentKeys.all, 'gaps', query] as const,
  events: () => ['events'] as const,
  eventPage: (query: string) => [...agentKeys.events(), query] as const,
};

/**
 * Probe agents with their health, backlog and clock: all of them (every page of the list), for the summary cards, the
 * location pickers and event texts. The agents table pages through the server (`useAgentPage`).
 */
export function useAgents() {
  return useQuery({
    queryKey: agentKeys.list(),
    queryFn: (): Promise<Agent[]> => callApiForEveryItem('/agents', { parser: agentPageSchema }),
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
export function useAgentGapPage(query: string) {
  return useQuery({
    queryKey: agentKeys.gaps(query),
    queryFn: (): Promise<AgentGapPage> => callApi(`/agents/gaps?${query}`, { parser: agentGapPageSchema }),
    refetchInterval: REFRESH_INTERVAL_MS,
    placeholderData: keepPreviousData,
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
