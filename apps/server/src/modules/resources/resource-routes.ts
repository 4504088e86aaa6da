import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  resourceIngestResultSchema,
  resourceSampleRecordSchema,
  scrapeResultSchema,
  scrapeTargetInputSchema,
  scrapeTargetListQuerySchema,
  scrapeTargetPageSchema,
  scrapeTargetSchema,
} from '@ganzhi/contracts';
import { requireActor } from '../../http/authenticate.js';
import { recordsBody } from '../../http/openapi-document.js';
import { decodeIngestBody, type BodyLimits } from '../ingest/index.js';
import { capacityRoutes } from './capacity-routes.js';
import type { ResourceServices } from './resource-services.js';

/** Content types the samples route reads as raw bytes (it decodes them itself, gzip included). */
const SAMPLE_CONTENT_TYPES = [
  'application/json',
  'application/x-ndjson',
  'application/ndjson',
  'application/jsonl',
  'application/jsonlines',
  'text/plain',
  'application/octet-stream',
];

export interface ResourceRouteOptions extends BodyLimits {
  /** Largest request body as sent (compressed or not). */
  readonly maxBodyBytes: number;
}

const tags = ['resources'];
const idParams = z.object({ id: z.string().min(1).max(100) });

function sampleRoutes(services: ResourceServices, options: ResourceRouteOptions): FastifyPluginAsyncZod {
  return async (app) => {
    // This plugin's own scope: the API's JSON parser elsewhere is untouched.
    app.removeAllContentTypeParsers();
    app.addContentTypeParser(
      SAMPLE_CONTENT_TYPES,
      { parseAs: 'buffer', bodyLimit: options.maxBodyBytes },
      (_request, body, done) => {
        done(null, body);
      },
    );
    app.post(
      '/resources/samples',
      {
        config: {
          access: 'ingest:write',
          audit: 'none',
          requestBody: recordsBody(resourceSampleRecordSchema, SAMPLE_CONTENT_TYPES),
        },
        bodyLimit: options.maxBodyBytes,
        schema: {
          tags,
          summary:
            'Push resource samples (NDJSON or a JSON array, gzip allowed); per-record errors, valid samples kept',
          response: { 200: resourceIngestResultSchema },
        },
      },
      async (request) => {
        const body = Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0);
        const records = await decodeIngestBody(
          body,
          {
            contentType: request.headers['content-type'],
            contentEncoding: request.headers['content-encoding'],
          },
          options,
        );
        return services.samples.ingest(records);
      },
    );
    await Promise.resolve();
  };
}

function scrapeTargetRoutes(services: ResourceServices): FastifyPluginAsyncZod {
  return async (app) => {
    const { scrapeTargets } = services;
    app.get(
      '/resources/scrape-targets',
      {
        config: { access: 'resources:read' },
        schema: {
          tags,
          summary:
            'Prometheus scrape targets with their last scrape, by name (sort name, system or lastScrapeAt), filtered by text (name or URL), system, status of the last scrape and enabled; a page, its total and the cursor of the next',
          querystring: scrapeTargetListQuerySchema,
          response: { 200: scrapeTargetPageSchema },
        },
      },
      async (request) => scrapeTargets.listTargetPage({ query: request.query }),
    );
    app.post(
      '/resources/scrape-targets',
      {
        config: { access: 'resources:write', scope: 'province' },
        schema: {
          tags,
          summary: 'Add a Prometheus scrape target',
          body: scrapeTargetInputSchema,
          response: { 201: scrapeTargetSchema },
        },
      },
      async (request, reply) =>
        reply
          .status(201)
          .send(await scrapeTargets.createTarget({ actor: requireActor(request), input: request.body })),
    );
    app.get(
      '/resources/scrape-targets/:id',
      {
        config: { access: 'resources:read' },
        schema: {
          tags,
          summary: 'One scrape target',
          params: idParams,
          response: { 200: scrapeTargetSchema },
        },
      },
      (request) => scrapeTargets.getTarget({ id: request.params.id }),
    );
    app.put(
      '/resources/scrape-targets/:id',
      {
        config: { access: 'resources:write', scope: 'province' },
        schema: {
          tags,
          summary: 'Replace a scrape target',
          params: idParams,
          body: scrapeTargetInputSchema,
          response: { 200: scrapeTargetSchema },
        },
      },
      (request) =>
        scrapeTargets.updateTarget({
          actor: requireActor(request),
          id: request.params.id,
          input: request.body,
        }),
    );
    app.delete(
      '/resources/scrape-targets/:id',
      {
        config: { access: 'resources:write', scope: 'province' },
        schema: {
          tags,
          summary: 'Delete a scrape target (its samples stay)',
          params: idParams,
          response: { 204: z.null() },
        },
      },
      async (request, reply) => {
        await scrapeTargets.deleteTarget({ actor: requireActor(request), id: request.params.id });
        return reply.status(204).send(null);
      },
    );
    app.post(
      '/resources/scrape-targets/:id/scrape',
      {
        config: { access: 'resources:write', scope: 'province', requestBody: 'none' },
        schema: {
          tags,
          summary: 'Scrape a target once now and store its samples',
          params: idParams,
          response: { 200: scrapeResultSchema },
        },
      },
      (request) => services.scraper.scrapeNow({ id: request.params.id }),
    );
    await Promise.resolve();
  };
}

/** The resource layer's API: pushed samples, Prometheus scrape targets and the capacity indices. */
export function resourceRoutes(
  services: ResourceServices,
  options: ResourceRouteOptions,
): FastifyPluginAsyncZod {
  return async (app) => {
    await app.register(sampleRoutes(services, options));
    await app.register(scrapeTargetRoutes(services));
    await app.register(capacityRoutes(services.capacity));
  };
}
