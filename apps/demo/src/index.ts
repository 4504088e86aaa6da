// Demo: a simulated telecom back end (web hall, SMS hall, IVR, BOSS/CRM, app) with fault injection and demo checks, for demos, e2e tests and benchmarks.
export { startDemoBackend } from './demo-backend.js';
export type { DemoBackend, DemoBackendOptions, DemoTlsOptions } from './demo-backend.js';
export { DEFAULT_DEMO_FAULTS } from './demo-faults.js';
export type { DemoFaults, DemoRouteFaults } from './demo-faults.js';
export { demoCheckDefinitions } from './demo-checks.js';
export type { DemoCheckOptions } from './demo-checks.js';
export type {
  DemoAssertion,
  DemoBrowserAction,
  DemoBrowserStep,
  DemoCheckDefinition,
  DemoExtraction,
  DemoHttpStep,
  DemoStep,
  DemoTlsStep,
} from './demo-check-types.js';
export { DEMO_PASSWORD, DEMO_SUBSCRIBERS } from './demo-accounts.js';
export type { DemoSubscriber } from './demo-accounts.js';
export { DEMO_CLERK_PASSWORD, DEMO_CLERK_TERMINALS } from './boss-clerks.js';
export type { ClerkTerminal } from './boss-clerks.js';
export { DEMO_PLANS } from './demo-plans.js';
export type { DemoPlan } from './demo-plans.js';
export { MAX_BODY_BYTES } from './read-request-body.js';
export { demoTransactionsForMinute, dayShape, incidentAt, isMonthEdge } from './transaction-traffic.js';
export type { DemoTransaction, DemoIncident, TrafficOptions } from './transaction-traffic.js';
