import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  dimensionCodeSchema,
  indicatorCurrentValuesSchema,
  rankingQuerySchema,
  rankingSchema,
  scoreOverviewSchema,
  scoreQuerySchema,
  serviceDrillQuerySchema,
  serviceDrillSchema,
} from '@ganzhi/contracts';
import { contextOf } from '../../http/authenticate.js';
import type { ScoreEvaluator } from './score-evaluator.js';
import type { ScoreService } from './score-service.js';

const tags = ['scores'];
const msOf = (value: string | undefined) => (value === undefined ? undefined : Date.parse(value));

export function scoreRoutes(deps: {
  readonly service: ScoreService;
  readonly evaluator: ScoreEvaluator;
  readonly now: () => number;
}): FastifyPluginAsyncZod {
  const { service } = deps;
  return async (app) => {
    app.get(
      '/scores/overview',
      {
        config: { access: 'scores:read' },
        schema: {
          tags,
          summary: 'Scores by channel × region, bands, worst services and the overall trend (latest window)',
          querystring: scoreQuerySchema.pick({ resolution: true, at: true }),
          response: { 200: scoreOverviewSchema },
        },
      },
      (request) =>
        service.overview({
          ctx: contextOf(request),
          resolution: request.query.resolution,
          atMs: msOf(request.query.at),
        }),
    );
    app.get(
      '/scores/services/:business/:channel',
      {
        config: { access: 'scores:read' },
        schema: {
          tags,
          summary: 'One service: score, KQIs, KPIs with their layer, regions, trend and the probes behind it',
          params: z.object({ business: dimensionCodeSchema, channel: dimensionCodeSchema }),
          querystring: serviceDrillQuerySchema,
          response: { 200: serviceDrillSchema },
        },
      },
      (request) =>
        service.drillService({
          ctx: contextOf(request),
          ...request.params,
          region: request.query.region,
          fromMs: msOf(request.query.from),
          toMs: msOf(request.query.to),
        }),
    );
    app.get(
      '/scores/indicators',
      {
        config: { access: 'scores:read' },
        schema: {
          tags,
          summary:
            "Each indicator's current value over the last hour across the services the reader may see, scored against its thresholds",
          querystring: scoreQuerySchema.pick({ at: true }),
          response: { 200: indicatorCurrentValuesSchema },
        },
      },
      (request) => service.currentIndicatorValues({ ctx: contextOf(request), atMs: msOf(request.query.at) }),
    );
    app.get(
      '/rankings',
      {
        config: { access: 'scores:read' },
        schema: {
          tags,
          summary: 'Businesses or services slowest → fastest and worst → best, with the previous period',
          querystring: rankingQuerySchema,
          response: { 200: rankingSchema },
        },
      },
      (request) =>
        service.rankings({ ctx: contextOf(request), ...request.query, atMs: msOf(request.query.at) }),
    );
    app.post(
      '/scores/evaluate',
      {
        config: { access: 'scores:evaluate', audit: 'none', requestBody: 'none' },
        schema: {
          tags,
          summary:
            'Score now: evaluate what is due, re-evaluate the latest 5-minute and hourly windows and the rolling hour and day rankings read',
          response: {
            200: z.object({
              evaluated: z.array(
                z.object({
                  resolution: z.string(),
                  bucketStart: z.string(),
                  rows: z.number(),
                  elapsedMs: z.number(),
                }),
              ),
            }),
          },
        },
      },
      async () => ({
        evaluated: (await deps.evaluator.evaluateNow(deps.now())).map((result) => ({
          ...result,
          bucketStart: new Date(result.bucketStart).toISOString(),
        })),
      }),
    );
    await Promise.resolve();
  };
}
