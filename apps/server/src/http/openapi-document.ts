import { jsonSchemaTransform } from 'fastify-type-provider-zod';
import { z, type ZodType } from 'zod';

/** How the OpenAPI document describes a request body the route does not declare as `schema.body`. */
export type DocumentedRequestBody =
  /** The operation takes no body: an action on the resource its path names. */
  | 'none'
  /**
   * The route reads the body itself (NDJSON, gzip, streamed and bounded): what it accepts by content type, for the
   * document only. Fastify does not validate with these; the route does, record by record.
   */
  | { readonly content: Readonly<Record<string, ZodType>> };

/**
 * A body of records, as the ingestion routes read it: a JSON array of them as `application/json`, one per line
 * (NDJSON) as each other type; gzip with `Content-Encoding: gzip`.
 *
 * @example
 *   config: { access: 'ingest:write', requestBody: recordsBody(transactionRecordSchema, INGEST_CONTENT_TYPES) }
 */
export function recordsBody(record: ZodType, contentTypes: readonly string[]): DocumentedRequestBody {
  const perLine = record.describe('One record per line (NDJSON); blank lines are skipped');
  const asArray = z.array(record).describe('A JSON array of records');
  return {
    content: Object.fromEntries(
      contentTypes.map((type) => [type, type === 'application/json' ? asArray : perLine]),
    ),
  };
}

declare module 'fastify' {
  interface FastifyContextConfig {
    /** For the OpenAPI document, when the route has no `schema.body`; see `DocumentedRequestBody`. */
    requestBody?: DocumentedRequestBody;
  }
}

/**
 * The document's transform of each route: zod schemas to JSON Schema, plus what the route declares in its config.
 * Each operation names the access it declares (`x-ganzhi-access`: a permission, `authenticated`, `agent` or
 * `public`), so clients and the authorisation-matrix test read the rules from the document itself; a body the route
 * reads itself is described from `config.requestBody`, and an operation without one says so (`x-ganzhi-body`).
 */
export const describeOperation: typeof jsonSchemaTransform = (input) => {
  const config = input.route.config;
  const declared = config?.requestBody;
  const transformed = jsonSchemaTransform(input);
  const access = config?.access;
  // Each media type's zod schema converted as a route's `schema.body` would be.
  const documentedBody =
    typeof declared === 'object'
      ? {
          content: Object.fromEntries(
            Object.entries(declared.content).map(([type, body]) => [
              type,
              { schema: jsonSchemaTransform({ ...input, schema: { body } }).schema?.body },
            ]),
          ),
        }
      : undefined;
  const schema: Record<string, unknown> = {
    ...transformed.schema,
    ...(documentedBody ? { body: documentedBody } : {}),
    'x-ganzhi-access': access,
    ...(config?.scope ? { 'x-ganzhi-scope': config.scope } : {}),
    ...(declared === 'none' ? { 'x-ganzhi-body': 'none' } : {}),
  };
  if (access === 'public') schema.security = [];
  return { ...transformed, schema };
};
