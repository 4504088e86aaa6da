// Contracts: the zod schemas and inferred types that server, agent, console and CLI share.
export * from './dimensions.js';
export * from './check.js';
export * from './run.js';
export * from './series.js';
export * from './api.js';
