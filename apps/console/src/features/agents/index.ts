// Agents feature: the probe agents and their health.
export { AgentListPage } from './components/agent-list-page';
export { useAgents } from './api/agent-api';
