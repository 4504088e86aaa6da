import { errorEnvelopeSchema } from '@ganzhi/contracts';

/** One problem with one input field, as the API reports it (`path` like `steps.0.url`). */
export interface FieldIssue {
  readonly path: string;
  readonly message: string;
}

/** Codes the console adds for failures that never reached the API's error envelope. */
export type ClientErrorCode = 'NETWORK' | 'BAD_RESPONSE';

export interface ApiErrorInit {
  readonly status: number;
  readonly code: string;
  readonly message: string;
  readonly requestId?: string | null;
  readonly details?: readonly FieldIssue[];
  readonly cause?: unknown;
}

/** An API failure with the server's stable code, so callers branch on `code`, never on the message. */
export class ApiError extends Error {
  override readonly name = 'ApiError';
  readonly status: number;
  readonly code: string;
  readonly requestId: string | null;
  readonly details: readonly FieldIssue[];

  constructor(init: ApiErrorInit) {
    super(init.message, { cause: init.cause });
    this.status = init.status;
    this.code = init.code;
    this.requestId = init.requestId ?? null;
    this.details = init.details ?? [];
  }
}

/** Reads the `{ error: { code, message, requestId, details } }` envelope; anything else becomes BAD_RESPONSE. */
export function toApiError(status: number, body: unknown): ApiError {
  const parsed = errorEnvelopeSchema.safeParse(body);
  if (!parsed.success) {
    const code: ClientErrorCode = 'BAD_RESPONSE';
    return new ApiError({ status, code, message: `HTTP ${status}` });
  }
  const { code, message, requestId, details } = parsed.data.error;
  return new ApiError({ status, code, message, requestId, details: details ?? [] });
}

export function isApiError(error: unknown): error is ApiError {
  return error instanceof ApiError;
}

/** True when the session is missing or expired: the console then goes back to the login page. */
export function isUnauthenticated(error: unknown): boolean {
  return isApiError(error) && error.status === 401;
}
