// Agent: the remote probe process for a city or site. Today only its configuration exists; enrolment,
// assignment sync, the durable outbox and uploads arrive with distributed probing (issue 4).
export { agentConfigSchema, parseAgentConfig } from './config.js';
export type { AgentConfig } from './config.js';
