import type {
  FastifyError,
  FastifyInstance,
  FastifyReply,
  FastifyRequest,
  FastifySchemaValidationError,
} from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import type { ErrorEnvelope } from '@ganzhi/contracts';
import { isAppError, type ErrorCode, type FieldIssue } from '@ganzhi/runtime';
import { fieldIssueOfSchemaIssue, valueAtPath } from './schema-issues.js';

const STATUS_OF: Record<ErrorCode, number> = {
  VALIDATION_FAILED: 400,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  PAYLOAD_TOO_LARGE: 413,
  RATE_LIMITED: 429,
  INTERNAL: 500,
  UNAVAILABLE: 503,
};

/** Fastify's own 4xx errors (bad JSON, body too large, wrong content type) mapped to our stable codes. */
function codeForClientStatus(status: number): ErrorCode {
  if (status === 413) return 'PAYLOAD_TOO_LARGE';
  if (status === 404) return 'NOT_FOUND';
  if (status === 401) return 'UNAUTHENTICATED';
  if (status === 429) return 'RATE_LIMITED';
  return 'VALIDATION_FAILED';
}

/** `/steps/0/url` → `steps.0.url`, the path form clients map onto form fields. */
function toDottedPath(instancePath: string): string {
  return instancePath.replace(/^\//, '').replaceAll('/', '.');
}

interface EnvelopeInput {
  readonly code: ErrorCode;
  readonly message: string;
  readonly details?: readonly FieldIssue[] | undefined;
  readonly reason?: string | undefined;
  readonly params?: Readonly<Record<string, string | number>> | undefined;
}

function envelope(request: FastifyRequest, error: EnvelopeInput): ErrorEnvelope {
  const { code, message, details, reason, params } = error;
  return {
    error: {
      code,
      message,
      requestId: request.id,
      ...(reason ? { reason } : {}),
      ...(reason && params ? { params: { ...params } } : {}),
      ...(details ? { details: details.map((issue) => ({ ...issue, ...paramsOf(issue) })) } : {}),
    },
  };
}

/** A copy of an issue's params, so the envelope holds plain data only. */
function paramsOf(issue: FieldIssue): { params?: Record<string, string | number> } {
  return issue.params ? { params: { ...issue.params } } : {};
}

/** The part of the request a schema validated: what the value of a failed field is read from. */
function validatedInput(request: FastifyRequest, context: string | undefined): unknown {
  if (context === 'querystring') return request.query;
  if (context === 'params') return request.params;
  if (context === 'headers') return request.headers;
  return request.body;
}

/** The request's schema issues as field issues with stable codes (`required`, `too_long` …) and their params. */
function schemaIssuesOf(request: FastifyRequest, error: FastifyError): FieldIssue[] {
  // The provider's issue type re-exports a deep fastify path that type-aware lint cannot resolve; name it here.
  const issues = error.validation as unknown as readonly FastifySchemaValidationError[];
  const input = validatedInput(request, error.validationContext);
  return issues.map((issue) => {
    const path = toDottedPath(issue.instancePath);
    return fieldIssueOfSchemaIssue({
      keyword: issue.keyword,
      path,
      message: issue.message ?? 'invalid value',
      params: issue.params,
      value: valueAtPath(input, path),
    });
  });
}

/** The one place where errors become HTTP responses. Unknown errors are logged and answered as INTERNAL. */
export function registerErrorHandling(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError, request, reply: FastifyReply) => {
    if (hasZodFastifySchemaValidationErrors(error)) {
      const details = schemaIssuesOf(request, error);
      const where = error.validationContext ?? 'request';
      return reply
        .status(400)
        .send(envelope(request, { code: 'VALIDATION_FAILED', message: `invalid ${where}`, details }));
    }
    if (isAppError(error)) {
      return reply.status(STATUS_OF[error.code]).send(envelope(request, error));
    }
    const status = error.statusCode ?? 500;
    if (status >= 400 && status < 500) {
      return reply
        .status(status)
        .send(envelope(request, { code: codeForClientStatus(status), message: error.message }));
    }
    request.log.error({ err: error }, 'unhandled error');
    return reply.status(500).send(envelope(request, { code: 'INTERNAL', message: 'internal error' }));
  });

  app.setNotFoundHandler((request, reply) =>
    reply.status(404).send(
      envelope(request, {
        code: 'NOT_FOUND',
        message: `no route ${request.method} ${request.url.split('?')[0] ?? ''}`,
      }),
    ),
  );
}
