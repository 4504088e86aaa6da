import type { Agent } from '@ganzhi/contracts';

/** The figures above the agents table. Revoked agents are history: they count only in `revoked`. */
export interface AgentSummary {
  readonly total: number;
  readonly healthy: number;
  /** Stale (heartbeats late) or down: the ones an operator should look at. */
  readonly unhealthy: number;
  readonly revoked: number;
  /** Runs buffered on all live agents, not yet uploaded. */
  readonly backlog: number;
}

export function summarizeAgents(agents: readonly Agent[]): AgentSummary {
  const live = agents.filter((agent) => agent.health !== 'revoked');
  return {
    total: live.length,
    healthy: live.filter((agent) => agent.health === 'healthy').length,
    unhealthy: live.filter((agent) => agent.health === 'stale' || agent.health === 'down').length,
    revoked: agents.length - live.length,
    backlog: live.reduce((sum, agent) => sum + agent.backlog, 0),
  };
}

/** Only remote agents that are still trusted can be revoked; the built-in one runs inside the server. */
export function isRevocable(agent: Agent): boolean {
  return !agent.builtin && agent.health !== 'revoked';
}
