// Demo: a simulated telecom back end (web hall, SMS hall, IVR, BOSS) with latency and failure injection, for demos, e2e tests and benchmarks.
export { startDemoBackend } from './demo-backend.js';
export type { DemoBackend, DemoBackendOptions } from './demo-backend.js';
export { DEFAULT_DEMO_FAULTS } from './demo-faults.js';
export type { DemoFaults, DemoRouteFaults } from './demo-faults.js';
export { demoCheckDefinitions } from './demo-checks.js';
export type { DemoCheckDefinition, DemoHttpStep } from './demo-checks.js';
export { DEMO_PASSWORD, DEMO_SUBSCRIBERS } from './demo-accounts.js';
export type { DemoSubscriber } from './demo-accounts.js';
export { MAX_BODY_BYTES } from './read-json-body.js';
