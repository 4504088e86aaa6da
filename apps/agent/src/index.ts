// Agent: the remote probe process for a city or site — enrolment, assignment sync, scheduling, the durable
// outbox and its uploader, heartbeats with clock offset, and log tailing into the same outbox.
export { startAgent } from './agent.js';
export type { AgentStatus, RunningAgent, StartAgentOptions } from './agent.js';
export { AGENT_ENV_NAMES, AgentConfigError, agentConfigSchema, parseAgentConfig } from './config.js';
export type { AgentConfig } from './config.js';
export { OutboxStore } from './outbox/outbox-store.js';
export type {
  OutboxBatch,
  OutboxLimits,
  OutboxStats,
  RecordBatch,
  TailCommit,
} from './outbox/outbox-store.js';
export { readTailConfig, TailConfigError } from './tail/tail-config.js';
export type { TailSource } from './tail/tail-config.js';
export type { TailerStatus } from './tail/file-tailer.js';
export { EnrolmentRefusedError } from './sync/enrolment.js';
