// Probes: step executors behind one interface, their registry, and the flow engine that runs a check's steps.
export type { StepContext, StepExecutor } from './step-executor.js';
export { executorFor, stepExecutors } from './step-registry.js';
export { runFlow } from './run-flow.js';
export type { FlowResult, RunFlowOptions } from './run-flow.js';
export { CheckScheduler } from './scheduler/check-scheduler.js';
export type { CheckSchedulerDeps, SchedulableCheck } from './scheduler/check-scheduler.js';
export { nextSlotMs, scheduleOffsetMs } from './scheduler/schedule-offset.js';
