import { contextOf } from '../../http/authenticate.js';
import type { IncomingMessage } from 'node:http';
import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { ingestResultSchema } from '@ganzhi/contracts';
import { decodeIngestBody, readIngestBody, type BodyLimits } from './ingest-body.js';
import type { TransactionIngestService } from './transaction-ingest-service.js';

/** Content types the ingest route reads as raw bytes (it decodes them itself, gzip included). */
const INGEST_CONTENT_TYPES = [
  'application/json',
  'application/x-ndjson',
  'application/ndjson',
  'application/jsonl',
  'application/jsonlines',
  'text/plain',
  'application/octet-stream',
];

export interface IngestRouteOptions extends BodyLimits {
  /** Largest request body as sent (compressed or not). */
  readonly maxBodyBytes: number;
}

/** `POST /ingest/transactions`: NDJSON or a JSON array, optionally gzip, answered only after the commit. */
export function ingestRoutes(
  service: TransactionIngestService,
  options: IngestRouteOptions,
): FastifyPluginAsyncZod {
  return async (app) => {
    // This plugin's own scope: the API's JSON parser elsewhere is untouched.
    app.removeAllContentTypeParsers();
    // Read as a stream, so a gzip body is decoded (and bounded) while it arrives.
    app.addContentTypeParser(INGEST_CONTENT_TYPES, (request: FastifyRequest, payload: IncomingMessage) =>
      readIngestBody(
        payload,
        {
          contentLength: request.headers['content-length'],
          contentEncoding: request.headers['content-encoding'],
        },
        options,
      ),
    );
    app.post(
      '/ingest/transactions',
      {
        config: { access: 'ingest:write', audit: 'none' },
        bodyLimit: options.maxBodyBytes,
        schema: {
          tags: ['ingest'],
          summary:
            'Ingest transaction records (NDJSON or a JSON array, gzip allowed); per-record errors, valid records kept',
          response: { 200: ingestResultSchema },
        },
      },
      async (request) => {
        const body = Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0);
        const records = await decodeIngestBody(
          body,
          // Already decoded while it was read.
          { contentType: request.headers['content-type'], contentEncoding: undefined },
          options,
        );
        return service.ingest(records, { ctx: contextOf(request) });
      },
    );
    await Promise.resolve();
  };
}
