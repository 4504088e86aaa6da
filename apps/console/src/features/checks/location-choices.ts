import type { Agent, Location } from '@ganzhi/contracts';

/** Whether a location's agents are probing: some healthy, none healthy, or none enrolled. */
export type AgentPresence = 'online' | 'offline' | 'none';

/**
 * Whether the location can run browser steps: an agent there has Chromium (`yes`), its agents all reported that
 * they have none (`no`), or nothing is known yet (`unknown`: no agent, or none has reported).
 */
export type BrowserSupport = 'yes' | 'no' | 'unknown';

/** One option of the editor's locations select. */
export interface LocationChoice {
  readonly code: string;
  readonly name: string;
  readonly presence: AgentPresence;
  readonly agents: number;
  readonly healthyAgents: number;
  readonly browser: BrowserSupport;
}

function presenceOf(location: Pick<Location, 'agents' | 'healthyAgents'>): AgentPresence {
  if (location.healthyAgents > 0) return 'online';
  return location.agents > 0 ? 'offline' : 'none';
}

/** Any agent with Chromium is enough: the server assigns browser checks only to agents that can run them. */
function browserSupportOf(agents: readonly Agent[]): BrowserSupport {
  if (agents.some((agent) => agent.browserAvailable === true)) return 'yes';
  return agents.some((agent) => agent.browserAvailable === false) ? 'no' : 'unknown';
}

/**
 * The locations a check can choose, with their agents' presence and browser support, in the API's order; codes
 * already chosen that the API does not list (a city planned before its agent arrives) are added at the end.
 * @example locationChoicesOf([local], agents, ['local', 'changsha']) // local (online), changsha (no agent)
 */
export function locationChoicesOf(
  locations: readonly Location[],
  agents: readonly Agent[],
  chosen: readonly string[],
): LocationChoice[] {
  const listed = locations.map((location): LocationChoice => {
    const here = agents.filter((agent) => agent.location === location.code && agent.revokedAt === null);
    return {
      code: location.code,
      name: location.name,
      presence: presenceOf(location),
      agents: location.agents,
      healthyAgents: location.healthyAgents,
      browser: browserSupportOf(here),
    };
  });
  const known = new Set(listed.map((choice) => choice.code));
  const planned = [...new Set(chosen)]
    .filter((code) => !known.has(code))
    .map((code): LocationChoice => ({
      code,
      name: code,
      presence: 'none',
      agents: 0,
      healthyAgents: 0,
      browser: 'unknown',
    }));
  return [...listed, ...planned];
}

/** The chosen locations whose agents cannot run browser steps, when the check has one; empty otherwise. */
export function locationsWithoutBrowser(
  choices: readonly LocationChoice[],
  input: { readonly chosen: readonly string[]; readonly hasBrowserStep: boolean },
): LocationChoice[] {
  if (!input.hasBrowserStep) return [];
  return choices.filter((choice) => choice.browser === 'no' && input.chosen.includes(choice.code));
}
