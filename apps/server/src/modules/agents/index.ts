// Agents: probe processes at locations (the built-in one at `local` for now) and their health.
export { BuiltinAgent, BUILTIN_AGENT_ID, BUILTIN_LOCATION } from './builtin-agent.js';
export { agentRoutes } from './agent-routes.js';
export { createProbingSetup } from './probing-setup.js';
export type { ProbingSetup, ProbingSettings } from './probing-setup.js';
