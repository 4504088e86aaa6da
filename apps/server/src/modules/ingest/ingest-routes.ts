import { contextOf } from '../../http/authenticate.js';
import type { IncomingMessage } from 'node:http';
import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { ingestResultSchema, transactionRecordSchema } from '@ganzhi/contracts';
import { recordsBody } from '../../http/openapi-document.js';
import { decodeIngestBody, readIngestBody, type BodyLimits } from './ingest-body.js';
import type { IngestArrival, TransactionIngestService } from './transaction-ingest-service.js';

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
    /** The batch each request announced while its body was read (group commit waits for it). */
    const arrivals = new WeakMap<FastifyRequest, IngestArrival>();
    // However a request ends (its body refused, or the client gone), its batch is no longer awaited; a no-op once
    // the batch was submitted.
    const withdraw = async (request: FastifyRequest): Promise<void> => {
      arrivals.get(request)?.withdraw();
      await Promise.resolve();
    };
    app.addHook('onResponse', withdraw);
    app.addHook('onRequestAbort', withdraw);
    // Read as a stream, so a gzip body is decoded (and bounded) while it arrives.
    app.addContentTypeParser(INGEST_CONTENT_TYPES, (request: FastifyRequest, payload: IncomingMessage) => {
      arrivals.set(request, service.expectBatch());
      return readIngestBody(
        payload,
        {
          contentLength: request.headers['content-length'],
          contentEncoding: request.headers['content-encoding'],
        },
        options,
      );
    });
    app.post(
      '/ingest/transactions',
      {
        config: {
          access: 'ingest:write',
          audit: 'none',
          requestBody: recordsBody(transactionRecordSchema, INGEST_CONTENT_TYPES),
        },
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
        const arrival = arrivals.get(request);
        return service.ingest(records, { ctx: contextOf(request), ...(arrival ? { arrival } : {}) });
      },
    );
    await Promise.resolve();
  };
}
