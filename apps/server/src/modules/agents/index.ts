// Agents: probe processes at locations — the built-in one at `local` and remote ones that enrol, pull their
// share of their location's checks, heartbeat and upload buffered runs — plus locations and the down detector.
export { BuiltinAgent, BUILTIN_AGENT_ID } from './builtin-agent.js';
export { createAgentService, BUILTIN_LOCATION } from './agent-service.js';
export { AGENT_TIMING } from './agent-repository.js';
export type { AgentService, AgentIdentity } from './agent-service.js';
export { createLocationService } from './location-service.js';
export type { LocationService } from './location-service.js';
export { agentRoutes } from './agent-routes.js';
export { agentProtocolRoutes, AGENT_UPLOAD_BODY_LIMIT } from './agent-protocol-routes.js';
export type { AgentProtocolDeps } from './agent-protocol-routes.js';
export { assignChecks, assignmentVersion } from './check-assignment.js';
export { createEnrolmentTokenService } from './enrolment-token-service.js';
export type { EnrolmentTokenService } from './enrolment-token-service.js';
