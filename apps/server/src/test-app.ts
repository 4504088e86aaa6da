import type { FastifyInstance } from 'fastify';
import { PERMISSIONS } from '@ganzhi/contracts';
import { createProbingSetup } from '@ganzhi/probes';
import { Secret, createSilentLogger, type Clock } from '@ganzhi/runtime';
import { buildApp, type AppDeps } from './app.js';
import { openTestDatabase, type TestDatabase } from './db/each-dialect.js';
import type { SqlDialectName } from './db/database.js';
import { createMetrics } from './http/metrics.js';
import type { IngestSettings } from './modules/ingest/index.js';
import { createServices, type Services } from './services.js';
import { NO_BROWSER_PROBING, createTestSecretBox } from './test-probing.js';

const PASSWORD = 'test-app-password';

/** A server app on a fresh test database, its services, and the admin's session cookie. */
export interface TestApp {
  readonly database: TestDatabase;
  readonly services: Services;
  readonly app: FastifyInstance;
  readonly cookie: string;
  /** The admin's session cookie with the same-origin header a browser sends from the console. */
  readonly sessionHeaders: { cookie: string; origin: string };
  /** A bearer token created through the API, as an integration would. */
  createToken(name: string): Promise<string>;
  close(): Promise<void>;
}

export async function openTestApp(options: {
  dialect: SqlDialectName;
  clock: Clock;
  ingest?: IngestSettings;
  ingestLimits?: AppDeps['ingestLimits'];
  requireAdminTotp?: boolean;
  probeSecrets?: ReadonlyMap<string, Secret>;
  /** A built console to serve (a fixture directory); none by default. */
  consoleDir?: string;
}): Promise<TestApp> {
  const database = await openTestDatabase(options.dialect);
  const metrics = createMetrics();
  const services = createServices({
    db: database.db,
    clock: options.clock,
    logger: createSilentLogger(),
    metrics,
    timeZone: 'Asia/Shanghai',
    version: 'test',
    probeConcurrency: 2,
    agentClockSkewMs: 2000,
    probing: await createProbingSetup({
      ...NO_BROWSER_PROBING,
      ...(options.probeSecrets ? { probeSecrets: options.probeSecrets } : {}),
    }),
    ...(options.requireAdminTotp ? { requireAdminTotp: true } : {}),
    secretBox: createTestSecretBox(),
    ...(options.ingest ? { ingest: options.ingest } : {}),
  });
  await services.dimensions.seedDefaults();
  await services.auth.bootstrapAdmin({ password: new Secret(PASSWORD) });
  const app = await buildApp({
    services,
    metrics,
    logger: createSilentLogger(),
    consoleDir: options.consoleDir ?? '/nonexistent',
    version: 'test',
    isShuttingDown: () => false,
    ...(options.ingestLimits ? { ingestLimits: options.ingestLimits } : {}),
  });
  const login = await app.inject({
    method: 'POST',
    url: '/api/v1/auth/login',
    payload: { username: 'admin', password: PASSWORD },
  });
  const cookie = String(login.headers['set-cookie']).split(';')[0] ?? '';
  return {
    database,
    services,
    app,
    cookie,
    sessionHeaders: { cookie, origin: 'http://localhost' },
    async createToken(name) {
      const response = await app.inject({
        method: 'POST',
        url: '/api/v1/tokens',
        headers: { cookie, origin: 'http://localhost' },
        payload: { name, scopes: [...PERMISSIONS] },
      });
      return response.json<{ token: string }>().token;
    },
    async close() {
      services.agents.releaseWaiters();
      await app.close();
      await services.builtinAgent.stop();
      await database.destroy();
    },
  };
}
