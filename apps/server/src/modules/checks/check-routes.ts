import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  ARTIFACT_CONTENT_TYPES,
  checkInputSchema,
  checkListQuerySchema,
  checkSchema,
  checkSeriesSchema,
  checkListPageSchema,
  checkSummarySchema,
  resolutionSchema,
  runListQuerySchema,
  runPageSchema,
  runSchema,
  tryResultSchema,
  type Check,
  type CheckInput,
  type Run,
} from '@ganzhi/contracts';
import type { FlowResult } from '@ganzhi/probes';
import { NotFoundError } from '@ganzhi/runtime';
import { contextOf } from '../../http/authenticate.js';
import type { RequestContext } from '../auth/index.js';
import { artifactHeaders, type RunService } from '../runs/index.js';
import { resolveSeriesRange, type SeriesService } from '../series/index.js';
import type { CheckService } from './check-service.js';

export interface CheckRoutesDeps {
  readonly checks: CheckService;
  readonly runs: RunService;
  readonly series: SeriesService;
  readonly db: Parameters<SeriesService['getCheckSeries']>[0]['db'];
  readonly now: () => number;
  /** Validates a definition and runs it once without storing anything. */
  readonly tryCheck: (ctx: RequestContext, input: CheckInput) => Promise<FlowResult>;
  /** Executes a check once on the built-in agent and stores the run. */
  readonly runCheckNow: (check: Check) => Promise<Run>;
}

const idParams = z.object({ id: z.string().min(1).max(100) });
const tags = ['checks'];

/** Published so editors validate checks-as-code files; the input form (defaults optional). */
const CHECK_JSON_SCHEMA = {
  $id: 'https://ganzhi.dev/schemas/check.json',
  title: 'Ganzhi check',
  ...z.toJSONSchema(checkInputSchema, { io: 'input', unrepresentable: 'any' }),
};

const applyBody = z.object({ checks: z.array(checkInputSchema).min(1).max(1000) });
const appliedSchema = z.object({ id: z.string(), name: z.string(), action: z.enum(['created', 'updated']) });
const plannedSchema = z.object({ name: z.string(), action: z.enum(['create', 'update']) });

const seriesQuery = z.object({
  from: z.iso.datetime({ offset: true }).optional(),
  to: z.iso.datetime({ offset: true }).optional(),
  resolution: resolutionSchema.default('minute'),
  /** Only the runs made from this location (all locations when absent). */
  location: z.string().max(64).optional(),
});

export function checkRoutes(deps: CheckRoutesDeps): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/checks',
      {
        config: { access: 'checks:read' },
        schema: {
          tags,
          summary:
            'A page of the checks in your regions with their status: filters (channel, business, region with the regions below it, status, tag, name text, location), sort, keyset cursor and the total',
          querystring: checkListQuerySchema,
          response: { 200: checkListPageSchema },
        },
      },
      (request) => deps.checks.listCheckPage({ ctx: contextOf(request), query: request.query }),
    );

    app.post(
      '/checks',
      {
        config: { access: 'checks:write' },
        schema: { tags, summary: 'Create a check', body: checkInputSchema, response: { 201: checkSchema } },
      },
      async (request, reply) => {
        const check = await deps.checks.createCheck({ ctx: contextOf(request), input: request.body });
        return reply.status(201).send(check);
      },
    );

    app.post(
      '/checks/apply',
      {
        config: { access: 'checks:write' },
        schema: {
          tags,
          summary: 'Create or update checks by name (checks as code); all or nothing',
          body: applyBody,
          response: { 200: z.object({ results: z.array(appliedSchema) }) },
        },
      },
      async (request) => ({
        results: await deps.checks.applyChecks({ ctx: contextOf(request), inputs: request.body.checks }),
      }),
    );

    app.post(
      '/checks/validate',
      {
        // The permission `apply` needs, so a dry run tells the truth about the real one. Nothing changes, so there
        // is nothing to audit (a refusal, 403, is audited like every other).
        config: { access: 'checks:write', audit: 'none' },
        schema: {
          tags,
          summary:
            'Dry run of /checks/apply: the same validation (rights, names, dimensions, locations and what they can run, variables, expressions), every problem at once, nothing saved',
          body: applyBody,
          response: { 200: z.object({ results: z.array(plannedSchema) }) },
        },
      },
      async (request) => ({
        results: await deps.checks.validateChecks({ ctx: contextOf(request), inputs: request.body.checks }),
      }),
    );

    app.post(
      '/checks/try',
      {
        config: { access: 'checks:run', audit: 'none' },
        schema: {
          tags,
          summary: 'Run a check definition once without saving it (artifacts inline, base64)',
          body: checkInputSchema,
          response: { 200: tryResultSchema },
        },
      },
      async (request) => {
        const flow = await deps.tryCheck(contextOf(request), request.body);
        return {
          ...flow,
          artifacts: flow.artifacts.map(({ content, ...artifact }) => ({
            ...artifact,
            dataBase64: Buffer.from(content).toString('base64'),
          })),
        };
      },
    );

    app.get(
      '/schemas/check.json',
      {
        config: { access: 'authenticated' },
        schema: {
          tags: ['schemas'],
          summary: 'JSON Schema of a check (every step kind), for editors and CI',
          produces: ['application/schema+json'],
          response: {
            200: z.record(z.string(), z.unknown()).describe('A JSON Schema (draft 2020-12) document'),
          },
        },
      },
      async (_request, reply) => reply.type('application/schema+json').send(CHECK_JSON_SCHEMA),
    );

    app.get(
      '/runs/:runId/artifacts/:artifactId',
      {
        config: { access: 'checks:read' },
        schema: {
          tags,
          summary: 'The content of a run artifact (screenshot, problem scene, console errors)',
          produces: ARTIFACT_CONTENT_TYPES,
          params: z.object({ runId: z.string().min(1).max(100), artifactId: z.string().min(1).max(100) }),
          response: {
            200: z
              .instanceof(Buffer)
              .meta({ type: 'string', format: 'binary', description: 'The artifact as stored' }),
          },
        },
      },
      async (request, reply) => {
        const artifact = await deps.runs.getArtifact(request.params);
        // The run's check decides who may see its scene: outside the reader's regions it does not exist.
        const visible =
          artifact &&
          (await deps.checks.readCheck({ ctx: contextOf(request), id: artifact.checkId }).then(
            () => true,
            () => false,
          ));
        if (!artifact || !visible) throw new NotFoundError('artifact', request.params.artifactId);
        return reply
          .headers(artifactHeaders({ id: request.params.artifactId, contentType: artifact.contentType }))
          .send(Buffer.from(artifact.content));
      },
    );

    app.get(
      '/checks/:id',
      {
        config: { access: 'checks:read' },
        schema: {
          tags,
          summary: 'One check with status',
          params: idParams,
          response: { 200: checkSummarySchema },
        },
      },
      (request) => deps.checks.getCheckSummary({ ctx: contextOf(request), id: request.params.id }),
    );

    app.put(
      '/checks/:id',
      {
        config: { access: 'checks:write' },
        schema: {
          tags,
          summary: 'Replace a check',
          params: idParams,
          body: checkInputSchema,
          response: { 200: checkSchema },
        },
      },
      (request) =>
        deps.checks.updateCheck({ ctx: contextOf(request), id: request.params.id, input: request.body }),
    );

    app.delete(
      '/checks/:id',
      {
        config: { access: 'checks:write' },
        schema: {
          tags,
          summary: 'Delete a check and its runs',
          params: idParams,
          response: { 204: z.null() },
        },
      },
      async (request, reply) => {
        await deps.checks.deleteCheck({ ctx: contextOf(request), id: request.params.id });
        return reply.status(204).send(null);
      },
    );

    app.post(
      '/checks/:id/run-now',
      {
        config: { access: 'checks:run', requestBody: 'none' },
        schema: { tags, summary: 'Run a check once now', params: idParams, response: { 200: runSchema } },
      },
      async (request) =>
        deps.runCheckNow(await deps.checks.readCheck({ ctx: contextOf(request), id: request.params.id })),
    );

    app.get(
      '/checks/:id/runs',
      {
        config: { access: 'checks:read' },
        schema: {
          tags,
          summary:
            'Runs of a check with step results and phase timings, newest first (sort startedAt or durationMs), filtered; a page, its total and the cursor of the next',
          params: idParams,
          querystring: runListQuerySchema,
          response: { 200: runPageSchema },
        },
      },
      async (request) => {
        await deps.checks.readCheck({ ctx: contextOf(request), id: request.params.id });
        return deps.runs.listRunPage({ checkId: request.params.id, query: request.query });
      },
    );

    app.get(
      '/checks/:id/series',
      {
        config: { access: 'checks:read' },
        schema: {
          tags,
          summary: 'Latency percentiles, failures and tiers over time',
          params: idParams,
          querystring: seriesQuery,
          response: { 200: checkSeriesSchema },
        },
      },
      async (request) => {
        await deps.checks.readCheck({ ctx: contextOf(request), id: request.params.id });
        const { resolution } = request.query;
        const { fromMs, toMs } = resolveSeriesRange(request.query, deps.now());
        return deps.series.getCheckSeries({
          db: deps.db,
          checkId: request.params.id,
          fromMs,
          toMs,
          resolution,
          location: request.query.location,
        });
      },
    );
    await Promise.resolve();
  };
}
