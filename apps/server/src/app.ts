import { randomUUID } from 'node:crypto';
import fastifyCookie from '@fastify/cookie';
import fastifySwagger from '@fastify/swagger';
import Fastify, { LogController, type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import {
  jsonSchemaTransform,
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from 'fastify-type-provider-zod';
import type { Logger } from '@ganzhi/runtime';
import { registerAuthentication } from './http/authenticate.js';
import { registerConsole } from './http/console-static.js';
import { registerErrorHandling } from './http/error-handler.js';
import type { Metrics } from './http/metrics.js';
import { registerSystemRoutes } from './http/system-routes.js';
import { agentProtocolRoutes, agentRoutes } from './modules/agents/index.js';
import { authRoutes } from './modules/auth/index.js';
import { checkRoutes } from './modules/checks/index.js';
import { dimensionRoutes } from './modules/dimensions/index.js';
import { eventRoutes } from './modules/events/index.js';
import { ingestRoutes, transactionRoutes, type IngestRouteOptions } from './modules/ingest/index.js';
import { indicatorRoutes, scoreRoutes } from './modules/indicators/index.js';
import { baselineRoutes } from './modules/baselines/index.js';
import { resourceRoutes } from './modules/resources/index.js';
import type { Services } from './services.js';

export interface AppDeps {
  readonly services: Services;
  readonly metrics: Metrics;
  readonly logger: Logger;
  readonly consoleDir: string;
  readonly version: string;
  readonly isShuttingDown: () => boolean;
  /** Body and record limits of `POST /ingest/transactions`. */
  readonly ingestLimits?: IngestRouteOptions;
}

const DEFAULT_INGEST_LIMITS: IngestRouteOptions = {
  maxBodyBytes: 64 * 1024 * 1024,
  maxDecodedBytes: 512 * 1024 * 1024,
  maxRecords: 200_000,
};

const REQUEST_ID = /^[A-Za-z0-9._-]{1,64}$/;

/** Builds the HTTP app: thin transport over the services, every route authenticated unless marked public. */
export async function buildApp(deps: AppDeps): Promise<FastifyInstance> {
  // Typed as Fastify's base logger so the instance keeps the default type that plugins expect.
  const loggerInstance: FastifyBaseLogger = deps.logger;
  const app = Fastify({
    loggerInstance,
    bodyLimit: 2 * 1024 * 1024,
    // Keep a caller's request id (from a proxy or an agent) when it is sane, so logs correlate across hops.
    genReqId: (request) => {
      const given = request.headers['x-request-id'];
      return typeof given === 'string' && REQUEST_ID.test(given) ? given : randomUUID();
    },
    // Per-request lines go out at debug (the console polls every few seconds); errors are logged where mapped.
    logController: new LogController({ disableRequestLogging: true }),
  }).withTypeProvider<ZodTypeProvider>();
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.addHook('onSend', async (request, reply) => {
    reply.header('x-request-id', request.id);
  });
  app.addHook('onResponse', async (request, reply) => {
    request.log.debug(
      {
        method: request.method,
        url: request.url,
        status: reply.statusCode,
        ms: Math.round(reply.elapsedTime),
      },
      'request completed',
    );
  });

  registerErrorHandling(app);
  await app.register(fastifyCookie);
  await app.register(fastifySwagger, {
    openapi: {
      info: { title: 'Ganzhi API', version: deps.version, description: 'Customer-perceived service quality' },
      components: {
        securitySchemes: {
          bearer: { type: 'http', scheme: 'bearer' },
          session: { type: 'apiKey', in: 'cookie', name: 'ganzhi_session' },
        },
      },
      security: [{ bearer: [] }, { session: [] }],
    },
    transform: jsonSchemaTransform,
  });
  registerAuthentication(app, deps.services.auth);
  registerSystemRoutes(app, {
    metrics: deps.metrics,
    pingDatabase: deps.services.pingDatabase,
    isShuttingDown: deps.isShuttingDown,
  });

  const { services } = deps;
  await app.register(
    async (api) => {
      api.get('/openapi.json', { config: { public: true }, schema: { hide: true } }, () => app.swagger());
      await api.register(authRoutes(services.auth));
      await api.register(dimensionRoutes(services.dimensions));
      await api.register(
        checkRoutes({
          checks: services.checks,
          runs: services.runs,
          series: services.series,
          db: services.db,
          now: () => services.clock.now(),
          runCheckNow: (check) => services.builtinAgent.runNow(check),
          tryCheck: (input) =>
            services.checks.tryCheck({ input, run: (valid) => services.builtinAgent.tryFlow(valid) }),
        }),
      );
      await api.register(agentRoutes(services.agents, services.locations));
      await api.register(
        agentProtocolRoutes({ agents: services.agents, transactions: services.transactions }),
      );
      await api.register(eventRoutes(services.events));
      await api.register(transactionRoutes(services.transactionQueries));
      await api.register(
        indicatorRoutes({
          service: services.indicators,
          ingestExternal: (records) => services.ingestExternal(records),
        }),
      );
      await api.register(
        scoreRoutes({
          service: services.scores,
          evaluator: services.scoreEvaluator,
          now: () => services.clock.now(),
        }),
      );
      await api.register(baselineRoutes(services.baselines));
      await api.register(ingestRoutes(services.transactions, deps.ingestLimits ?? DEFAULT_INGEST_LIMITS));
      await api.register(resourceRoutes(services.resources, deps.ingestLimits ?? DEFAULT_INGEST_LIMITS));
    },
    { prefix: '/api/v1' },
  );
  await registerConsole(app, deps.consoleDir);
  return app;
}
