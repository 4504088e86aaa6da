// Server: the `ganzhi serve` process (API, console, ingest, built-in agent, jobs) as a library for the CLI and tests.
export { startServer } from './server.js';
export type { RunningServer, StartServerOptions } from './server.js';
export { parseServerConfig, ConfigError } from './config.js';
export type { ServerConfig, ServeFlags } from './config.js';
export { buildApp } from './app.js';
export { createServices } from './services.js';
export type { Services } from './services.js';
export { openDatabase, migrateToLatest } from './db/database.js';
export type { Database, DatabaseTarget, SqlDialectName } from './db/database.js';
export { createMetrics } from './http/metrics.js';
export { SYSTEM_ACTOR, systemContext } from './modules/auth/index.js';
export type { Actor, RequestContext } from './modules/auth/index.js';
export { GANZHI_VERSION } from './version.js';
