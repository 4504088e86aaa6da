// Probes: step executors behind one interface, their registry, the flow engine that runs a check's steps with
// variables, extraction and assertions, the address policy every connection passes, the check scheduler, and the
// worker threads that run flows away from the main thread's load.
export type {
  StepArtifact,
  StepContext,
  StepExecutor,
  StepObservation,
  StepOutcome,
} from './step-executor.js';
export type { BrowserLauncher, ConfinedContext, ConfinedContextOptions } from './browser-launcher.js';
export { executorFor, stepExecutors } from './step-registry.js';
export { runFlow } from './run-flow.js';
export type { FlowArtifact, FlowResult, RunFlowOptions } from './run-flow.js';
export { BUILTIN_VARIABLES, SECRET_PREFIX } from './flow/flow-variables.js';
export { validateFlow } from './flow/validate-flow.js';
export type { FlowIssue } from './flow/validate-flow.js';
export {
  USER_PATTERN_SUBJECT_LIMIT_CHARS,
  UserPatternError,
  compileUserPattern,
  findPatternProblem,
} from './flow/safe-regex.js';
export type { UserPattern, UserPatternMatch } from './flow/safe-regex.js';
export {
  ALLOW_ALL_ADDRESSES,
  DEFAULT_DENIED_RANGES,
  createAddressPolicy,
  parseRanges,
} from './safety/address-policy.js';
export type { AddressPolicy, AddressPolicyOptions } from './safety/address-policy.js';
export { createChromiumLauncher, isChromiumAvailable } from './browser/chromium-launcher.js';
export type { ChromiumLauncherOptions } from './browser/chromium-launcher.js';
export { CheckScheduler } from './scheduler/check-scheduler.js';
export type { CheckSchedulerDeps, SchedulableCheck } from './scheduler/check-scheduler.js';
export { nextSlotMs, scheduleOffsetMs } from './scheduler/schedule-offset.js';
export { waitForQuietLoop } from './scheduler/wait-for-quiet-loop.js';
export type { QuietLoopOptions, QuietLoopOutcome } from './scheduler/wait-for-quiet-loop.js';
export { createProbingSetup } from './agent/probing-setup.js';
export { FlowWorkerPool, defaultFlowWorkers } from './worker/flow-worker-pool.js';
export type { FlowWorkerPoolOptions } from './worker/flow-worker-pool.js';
export type { FlowWorkerSettings } from './worker/worker-protocol.js';
export { InProcessFlowRunner } from './worker/in-process-flow-runner.js';
export type { FlowJob, FlowRunner, MeasuredFlow } from './worker/flow-job.js';
export { EventLoopLagMonitor } from './worker/event-loop-lag.js';
export type { LagProbe } from './worker/event-loop-lag.js';
export { LAG_TAINT_LIMIT_MS } from './worker/measured-flow.js';
export type { ProbingSetup, ProbingSettings } from './agent/probing-setup.js';
export { executeCheck, runCheckFlow, unsupportedKinds } from './agent/execute-check.js';
export type { ExecutedRun, RunArtifact } from './agent/execute-check.js';
export { probeRangeListSchema, readProbeSecrets } from './agent/probing-config.js';
