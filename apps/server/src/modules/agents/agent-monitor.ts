import type { Kysely } from 'kysely';
import type { AgentHealth } from '@ganzhi/contracts';
import type { Clock } from '@ganzhi/runtime';
import type { DatabaseSchema } from '../../db/schema.js';
import type { EventService } from '../events/index.js';
import { agentHealth, isLive, listAgentRows, setHealthState, type AgentRow } from './agent-repository.js';

/**
 * An agent's health as this server can judge it. Silence while the server itself was down is not the agent's
 * (it could not have reached us): until it has had its normal down timeout since the server started, an agent is
 * judged from the later of its last report and the server's start. One already declared down stays down until it
 * reports again.
 */
export function judgedHealth(
  row: Pick<AgentRow, 'last_seen_at' | 'revoked_at' | 'health_state'>,
  times: { readonly nowMs: number; readonly serverStartedAtMs: number },
): AgentHealth {
  if (row.health_state === 'down') return agentHealth(row, times.nowMs);
  const lastSeenAtMs = Math.max(row.last_seen_at ?? times.serverStartedAtMs, times.serverStartedAtMs);
  return agentHealth({ ...row, last_seen_at: lastSeenAtMs }, times.nowMs);
}

export interface AgentMonitorDeps {
  readonly db: Kysely<DatabaseSchema>;
  readonly clock: Clock;
  readonly events: EventService;
  /** When this server started: the grace of agents it has not heard from yet is measured from here. */
  readonly serverStartedAtMs: number;
  /** Wakes long polls: a location's set of live agents changed, so its checks move. */
  readonly onMembershipChanged: () => void;
}

/**
 * The down detector (every few seconds): raises an event when an agent goes down or comes back, and wakes long
 * polls when a location's set of live agents changed so its checks move to the survivors.
 */
export function createAgentMonitor(deps: AgentMonitorDeps): () => Promise<void> {
  const { db, clock, events, serverStartedAtMs } = deps;
  let liveMembership = '';

  async function judge(row: AgentRow, nowMs: number): Promise<void> {
    const health = judgedHealth(row, { nowMs, serverStartedAtMs });
    const wasDown = row.health_state === 'down';
    if (health === 'down' && !wasDown) {
      await setHealthState(db, row.id, 'down');
      await events.raise({
        kind: 'agent_down',
        severity: 'critical',
        subject: `agent:${row.id}`,
        message: `agent "${row.name}" at ${row.location} is down: not seen since ${
          row.last_seen_at === null ? 'enrolment' : new Date(row.last_seen_at).toISOString()
        }`,
      });
    } else if (health !== 'down' && wasDown) {
      await setHealthState(db, row.id, health);
      await events.raise({
        kind: 'agent_recovered',
        severity: 'info',
        subject: `agent:${row.id}`,
        message: `agent "${row.name}" at ${row.location} is back`,
      });
    }
  }

  return async function monitor(): Promise<void> {
    const rows = await listAgentRows(db);
    const nowMs = clock.now();
    for (const row of rows) {
      if (row.builtin === 1 || row.revoked_at !== null) continue;
      await judge(row, nowMs);
    }
    const membership = rows
      .filter((row) => row.builtin === 0 && isLive(row, nowMs))
      .map((row) => `${row.location}/${row.id}`)
      .sort()
      .join(',');
    if (membership !== liveMembership) {
      liveMembership = membership;
      deps.onMembershipChanged();
    }
  };
}
