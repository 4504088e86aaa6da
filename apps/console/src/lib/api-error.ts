import type { ErrorEnvelope } from '@ganzhi/contracts';

/** Values the texts of codes are filled with. */
export type IssueParams = Readonly<Record<string, string | number>>;

/**
 * One problem with one input field, as the API reports it (`path` like `steps.0.url`): the server's English
 * `message`, and the stable `code` and `params` that `describeIssue` (lib/server-text.ts) translates it by.
 */
export interface FieldIssue {
  readonly path: string;
  readonly message: string;
  readonly code?: string;
  readonly params?: IssueParams;
}

/** Codes the console adds for failures that never reached the API's error envelope. */
export type ClientErrorCode = 'NETWORK' | 'BAD_RESPONSE';

export interface ApiErrorInit {
  readonly status: number;
  readonly code: string;
  readonly message: string;
  readonly requestId?: string | null;
  readonly details?: readonly FieldIssue[];
  /** The refusal's own code (`region_out_of_scope`), in the vocabulary of the details' codes. */
  readonly reason?: string | null;
  readonly params?: IssueParams;
  readonly cause?: unknown;
}

/** An API failure with the server's stable code, so callers branch on `code`, never on the message. */
export class ApiError extends Error {
  override readonly name = 'ApiError';
  readonly status: number;
  readonly code: string;
  readonly requestId: string | null;
  readonly details: readonly FieldIssue[];
  readonly reason: string | null;
  readonly params: IssueParams;

  constructor(init: ApiErrorInit) {
    super(init.message, { cause: init.cause });
    this.status = init.status;
    this.code = init.code;
    this.requestId = init.requestId ?? null;
    this.details = init.details ?? [];
    this.reason = init.reason ?? null;
    this.params = init.params ?? {};
  }
}

type EnvelopeError = ErrorEnvelope['error'];

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
 * The error of an envelope as the contracts' `errorEnvelopeSchema` defines it, or null for any other body. Read by
 * hand rather than with the schema: every page, the login page first, loads this, and zod is 25 KiB (brotli) more.
 * `api-error.test.ts` holds the two readings to the same answers.
 */
export function readErrorEnvelope(body: unknown): EnvelopeError | null {
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
    ...(details === undefined ? {} : { details }),
  };
}

/**
 * Reads the `{ error: { code, message, requestId, reason, params, details } }` envelope; anything else becomes
 * BAD_RESPONSE.
 */
export function toApiError(status: number, body: unknown): ApiError {
  const error = readErrorEnvelope(body);
  if (!error) {
    const code: ClientErrorCode = 'BAD_RESPONSE';
    return new ApiError({ status, code, message: `HTTP ${status}` });
  }
  const { code, message, requestId, details, reason, params } = error;
  return new ApiError({ status, code, message, requestId, details: details ?? [], reason, params });
}

export function isApiError(error: unknown): error is ApiError {
  return error instanceof ApiError;
}

/** True when the session is missing or expired: the console then goes back to the login page. */
export function isUnauthenticated(error: unknown): boolean {
  return isApiError(error) && error.status === 401;
}
