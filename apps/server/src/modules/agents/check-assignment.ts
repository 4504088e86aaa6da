import { createHash } from 'node:crypto';
import type { Check } from '@ganzhi/contracts';
import { stableHash32 } from '@ganzhi/runtime';

/** An agent that can take checks at a location right now. */
export interface AssignableAgent {
  readonly id: string;
  readonly supportedKinds: ReadonlySet<string>;
}

type AssignableCheck = Pick<Check, 'id' | 'steps'>;

function canRun(agent: AssignableAgent, check: AssignableCheck): boolean {
  return check.steps.every((step) => agent.supportedKinds.has(step.kind));
}

/**
 * Shares a location's checks among its live agents by rendezvous hashing: each check goes to the agent with the
 * highest hash of (check, agent) among those that can run all its steps (or among all, when none can — that
 * agent then reports the check as unsupported). Adding or losing an agent moves only that agent's share.
 */
export function assignChecks<C extends AssignableCheck>(
  checks: readonly C[],
  agents: readonly AssignableAgent[],
): Map<string, C[]> {
  const assigned = new Map<string, C[]>(agents.map((agent) => [agent.id, []]));
  if (agents.length === 0) return assigned;
  for (const check of checks) {
    const capable = agents.filter((agent) => canRun(agent, check));
    const candidates = capable.length > 0 ? capable : agents;
    let best = candidates[0];
    let bestScore = -1;
    for (const agent of candidates) {
      const score = stableHash32(`${check.id}|${agent.id}`);
      if (score > bestScore || (score === bestScore && best !== undefined && agent.id < best.id)) {
        best = agent;
        bestScore = score;
      }
    }
    if (best) assigned.get(best.id)?.push(check);
  }
  return assigned;
}

/** A short fingerprint of an assignment: changes whenever a check is added, removed or edited. */
export function assignmentVersion(checks: readonly Pick<Check, 'id' | 'updatedAt'>[]): string {
  const hash = createHash('sha256');
  for (const check of [...checks].sort((a, b) => a.id.localeCompare(b.id)))
    hash.update(`${check.id}@${check.updatedAt};`);
  return hash.digest('hex').slice(0, 16);
}
