import type { ErrorEnvelope } from '@ganzhi/contracts';
import { ApiError, type ClientErrorCode, type FieldIssue, type IssueParams } from './api-error.js';

/** The `error` of the contracts' envelope. */
export type EnvelopeError = ErrorEnvelope['error'];

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isParams(value: unknown): value is IssueParams {
  return (
    isRecord(value) &&
    Object.values(value).every((item) => typeof item === 'string' || typeof item === 'number')
  );
}

function isFieldIssue(value: unknown): value is FieldIssue {
  return (
    isRecord(value) &&
    typeof value.path === 'string' &&
    typeof value.message === 'string' &&
    (value.code === undefined || typeof value.code === 'string') &&
    (value.params === undefined || isParams(value.params))
  );
}

/**
 * The error of an envelope exactly as the contracts' `errorEnvelopeSchema` reads it, or null for any other body.
 * Written by hand rather than with the schema: the console loads this on every page, the login page first, and zod
 * would add 25 KiB (brotli) to it. `read-error-envelope.test.ts` holds the two readings to the same answers.
 *
 * @example parseErrorEnvelope({ error: { code: 'NOT_FOUND', message: 'check c1 was not found', requestId: 'r1' } })
 */
export function parseErrorEnvelope(body: unknown): EnvelopeError | null {
  if (!isRecord(body) || !isRecord(body.error)) return null;
  const { code, message, requestId, reason, params, details } = body.error;
  if (typeof code !== 'string' || typeof message !== 'string' || typeof requestId !== 'string') return null;
  if (reason !== undefined && typeof reason !== 'string') return null;
  if (params !== undefined && !isParams(params)) return null;
  if (details !== undefined && !(Array.isArray(details) && details.every(isFieldIssue))) return null;
  return {
    code,
    message,
    requestId,
    ...(reason === undefined ? {} : { reason }),
    ...(params === undefined ? {} : { params }),
    ...(details === undefined ? {} : { details: details.map(issueOf) }),
  };
}

/** The issue's own fields only: the schema drops any other key, and so does this reading. */
function issueOf({ path, message, code, params }: FieldIssue): FieldIssue {
  return {
    path,
    message,
    ...(code === undefined ? {} : { code }),
    ...(params === undefined ? {} : { params }),
  };
}

/**
 * A body shaped like the envelope but short of it (a proxy, an older server: `{ error: { message } }`) still says
 * what went wrong in words; nothing else in it is trusted.
 */
function looseMessageOf(body: unknown): string | undefined {
  if (!isRecord(body) || !isRecord(body.error)) return undefined;
  const { message } = body.error;
  return typeof message === 'string' && message !== '' ? message : undefined;
}

/** What else the client knows of the answer beside its status and body. */
export interface ErrorAnswer {
  readonly retryAfterMs?: number | null;
}

/**
 * The `ApiError` of a non-2xx answer: the envelope's `{ code, message, requestId, reason, params, details }`, or
 * `BAD_RESPONSE` for any other body (its `error.message` when it has one, else `HTTP <status>`).
 *
 * @example readErrorEnvelope(404, await response.json()) // ApiError { status: 404, code: 'NOT_FOUND', … }
 */
export function readErrorEnvelope(status: number, body: unknown, answer: ErrorAnswer = {}): ApiError {
  const retryAfterMs = answer.retryAfterMs ?? null;
  const error = parseErrorEnvelope(body);
  if (!error) {
    const code: ClientErrorCode = 'BAD_RESPONSE';
    return new ApiError({ status, code, message: looseMessageOf(body) ?? `HTTP ${status}`, retryAfterMs });
  }
  const { code, message, requestId, details, reason, params } = error;
  return new ApiError({ status, code, message, requestId, details, reason, params, retryAfterMs });
}
