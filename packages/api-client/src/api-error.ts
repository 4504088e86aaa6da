/** Values the texts of codes are filled with (`{name}` placeholders): names, codes, numbers. */
export type IssueParams = Readonly<Record<string, string | number>>;

/**
 * One problem with one input field, as the API reports it (`path` like `steps.0.url`): the server's English
 * `message`, and the stable `code` (one of the contracts' `ISSUE_CODES`) and `params` clients translate it by.
 */
export interface FieldIssue {
  readonly path: string;
  readonly message: string;
  readonly code?: string;
  readonly params?: IssueParams;
}

/**
 * Codes the client gives failures that never reached the API's error envelope: no HTTP answer (`NETWORK`), no answer
 * within the request's `timeoutMs` (`TIMEOUT`), or an answer that is not what the contract says (`BAD_RESPONSE`).
 */
export type ClientErrorCode = 'NETWORK' | 'TIMEOUT' | 'BAD_RESPONSE';

export interface ApiErrorInit {
  /** The HTTP status; 0 when no answer came (NETWORK, TIMEOUT). */
  readonly status: number;
  /** The server's error class (`VALIDATION_FAILED`, `FORBIDDEN` …) or a `ClientErrorCode`. */
  readonly code: string;
  readonly message: string;
  readonly requestId?: string | null;
  readonly details?: readonly FieldIssue[];
  /** The refusal's own code (`region_out_of_scope`), in the vocabulary of the details' codes. */
  readonly reason?: string | null;
  readonly params?: IssueParams;
  /** How long the server asked to wait before trying again (its Retry-After header), in milliseconds. */
  readonly retryAfterMs?: number | null;
  readonly cause?: unknown;
}

/**
 * An API failure with the server's stable code, so callers branch on `code` (or `status`), never on the message.
 *
 * @example
 *   if (isApiError(error) && error.code === 'CONFLICT') showConflict(error.message);
 */
export class ApiError extends Error {
  override readonly name = 'ApiError';
  readonly status: number;
  readonly code: string;
  readonly requestId: string | null;
  readonly details: readonly FieldIssue[];
  readonly reason: string | null;
  readonly params: IssueParams;
  readonly retryAfterMs: number | null;

  constructor(init: ApiErrorInit) {
    super(init.message, { cause: init.cause });
    this.status = init.status;
    this.code = init.code;
    this.requestId = init.requestId ?? null;
    this.details = init.details ?? [];
    this.reason = init.reason ?? null;
    this.params = init.params ?? {};
    this.retryAfterMs = init.retryAfterMs ?? null;
  }
}

export function isApiError(error: unknown): error is ApiError {
  return error instanceof ApiError;
}
