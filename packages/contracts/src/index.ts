// Contracts: the zod schemas and inferred types that server, agent, console and CLI share.
export * from './dimensions.js';
export * from './steps/step-common.js';
export * from './steps/template-text.js';
export * from './steps/http-step.js';
export * from './steps/tcp-step.js';
export * from './steps/dns-step.js';
export * from './steps/tls-step.js';
export * from './steps/browser-step.js';
export * from './steps/wait-step.js';
export * from './check.js';
export * from './run.js';
export * from './series.js';
export * from './api.js';
export * from './agents.js';
export * from './transactions.js';
export * from './indicators.js';
export * from './baselines.js';
