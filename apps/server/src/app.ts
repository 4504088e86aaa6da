import { randomUUID } from 'node:crypto';
import fastifyCookie from '@fastify/cookie';
import fastifyHelmet from '@fastify/helmet';
import fastifySwagger from '@fastify/swagger';
import Fastify, { LogController, type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import { serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Logger } from '@ganzhi/runtime';
import { registerRequestAudit } from './http/audit-requests.js';
import { registerAccessControl } from './http/authenticate.js';
import { registerBodyLimits } from './http/body-limits.js';
import { registerConsole } from './http/console-static.js';
import { registerErrorHandling } from './http/error-handler.js';
import type { Metrics } from './http/metrics.js';
import { describeOperation } from './http/openapi-document.js';
import { registerSystemRoutes } from './http/system-routes.js';
import { agentProtocolRoutes, agentRoutes } from './modules/agents/index.js';
import { auditRoutes } from './modules/audit/index.js';
import { secretRoutes } from './modules/secrets/index.js';
import { authRoutes, userRoutes } from './modules/auth/index.js';
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
  readonly http?: HttpSettings;
}

/** How the server sits on the network: its public URL and which proxies' forwarding headers it believes. */
export interface HttpSettings {
  /** `https://ganzhi.example.com`: the origin cross-site checks compare with; https makes cookies `Secure`. */
  readonly publicUrl: string | null;
  /** `GANZHI_TRUST_PROXY`: `true`, a hop count, or comma-separated addresses/CIDRs of the proxies. */
  readonly trustProxy?: string | undefined;
}

function parseTrustProxy(value: string | undefined): boolean | string[] {
  if (value === undefined || value === '' || value === '0' || value === 'false') return false;
  if (value === 'true' || value === '1') return true;
  return value
    .split(',')
    .map((part) => part.trim())
    .filter(Boolean);
}

/**
 * The console loads only its own scripts (no inline script), may not be framed, and talks only to its origin.
 * Inline styles stay allowed: Ant Design writes its CSS-in-JS into <style> elements at run time.
 */
const CONTENT_SECURITY_POLICY = {
  useDefaults: false,
  directives: {
    defaultSrc: ["'self'"],
    scriptSrc: ["'self'"],
    styleSrc: ["'self'", "'unsafe-inline'"],
    imgSrc: ["'self'", 'data:', 'blob:'],
    fontSrc: ["'self'", 'data:'],
    connectSrc: ["'self'"],
    objectSrc: ["'none'"],
    baseUri: ["'self'"],
    formAction: ["'self'"],
    frameAncestors: ["'none'"],
  },
};

const DEFAULT_INGEST_LIMITS: IngestRouteOptions = {
  maxBodyBytes: 64 * 1024 * 1024,
  // A gzip body may expand a thousandfold: decoding stops (413) at this size.
  maxDecodedBytes: 64 * 1024 * 1024,
  maxRecords: 200_000,
};

const REQUEST_ID = /^[A-Za-z0-9._-]{1,64}$/;

/** Builds the HTTP app: thin transport over the services; every route declares who may call it. */
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
    trustProxy: parseTrustProxy(deps.http?.trustProxy),
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
  await app.register(fastifyHelmet, {
    contentSecurityPolicy: CONTENT_SECURITY_POLICY,
    referrerPolicy: { policy: 'same-origin' },
    // The console needs no cross-origin isolation; these would only break downloads opened in new tabs.
    crossOriginEmbedderPolicy: false,
    hsts: deps.http?.publicUrl?.startsWith('https:') === true,
    xFrameOptions: { action: 'deny' },
  });
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
    transform: describeOperation,
  });
  const publicUrl = deps.http?.publicUrl ?? null;
  registerAccessControl(app, {
    auth: deps.services.auth,
    authenticateAgent: (credential) => deps.services.agents.authenticate(credential),
    clock: deps.services.clock,
    logger: deps.logger,
    origin: { publicOrigin: publicUrl },
    regionScope: (grant) => deps.services.dimensions.regionScope(grant),
  });
  registerBodyLimits(app);
  registerRequestAudit(app, deps.services.audit);
  registerSystemRoutes(app, {
    metrics: deps.metrics,
    pingDatabase: deps.services.pingDatabase,
    isShuttingDown: deps.isShuttingDown,
  });

  const { services } = deps;
  await app.register(
    async (api) => {
      api.get('/openapi.json', { config: { access: 'public' }, schema: { hide: true } }, () => app.swagger());
      await api.register(
        authRoutes(services.auth, {
          secureCookies: (request) =>
            publicUrl?.startsWith('https:') === true || request.protocol === 'https',
        }),
      );
      await api.register(userRoutes(services.auth));
      await api.register(auditRoutes(services.audit));
      await api.register(secretRoutes(services.secrets));
      await api.register(dimensionRoutes(services.dimensions));
      await api.register(
        checkRoutes({
          checks: services.checks,
          runs: services.runs,
          series: services.series,
          db: services.db,
          now: () => services.clock.now(),
          runCheckNow: (check) => services.builtinAgent.runNow(check),
          tryCheck: (ctx, input) =>
            services.checks.tryCheck({ ctx, input, run: (valid) => services.builtinAgent.tryFlow(valid) }),
        }),
      );
      await api.register(agentRoutes(services.agents, services.locations, services.enrolmentTokens));
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
