/**
 * Errors that carry a stable code. Thrown anywhere, mapped to HTTP (or CLI output) in exactly one place.
 *
 * @example
 *   throw new NotFoundError('check', id);
 */
export type ErrorCode =
  | 'VALIDATION_FAILED'
  | 'NOT_FOUND'
  | 'UNAUTHENTICATED'
  | 'FORBIDDEN'
  | 'CONFLICT'
  | 'PAYLOAD_TOO_LARGE'
  | 'RATE_LIMITED'
  | 'UNAVAILABLE'
  | 'INTERNAL';

/** Values a problem's text is filled with, for clients that translate it by code. */
export type ProblemParams = Readonly<Record<string, string | number>>;

/**
 * One problem with one field of an input; `path` is dotted (`steps.0.url`). `code` (one of the contracts'
 * `ISSUE_CODES`) and `params` let clients say it in their user's language; `message` is the English for API users
 * and logs.
 */
export interface FieldIssue {
  readonly path: string;
  readonly message: string;
  readonly code?: string;
  readonly params?: ProblemParams;
}

/** What names a refusal beyond its class: a code of the contracts' `ISSUE_CODES` and the params of its text. */
export interface Reason {
  readonly reason: string;
  readonly params?: ProblemParams;
}

export class AppError extends Error {
  readonly code: ErrorCode;
  readonly details: readonly FieldIssue[] | undefined;
  readonly reason: string | undefined;
  readonly params: ProblemParams | undefined;

  constructor(
    code: ErrorCode,
    message: string,
    options?: { details?: readonly FieldIssue[]; cause?: unknown } & Partial<Reason>,
  ) {
    super(message, { cause: options?.cause });
    this.name = 'AppError';
    this.code = code;
    this.details = options?.details;
    this.reason = options?.reason;
    this.params = options?.params;
  }
}

export class NotFoundError extends AppError {
  constructor(entity: string, id: string) {
    super('NOT_FOUND', `${entity} ${id} was not found`);
  }
}

export class ValidationError extends AppError {
  constructor(message: string, details: readonly FieldIssue[]) {
    super('VALIDATION_FAILED', message, { details });
  }
}

export class UnauthenticatedError extends AppError {
  constructor(message = 'authentication required') {
    super('UNAUTHENTICATED', message);
  }
}

export function isAppError(error: unknown): error is AppError {
  return error instanceof AppError;
}

export class ForbiddenError extends AppError {
  constructor(message: string, reason?: Reason) {
    super('FORBIDDEN', message, reason);
  }
}

export class RateLimitedError extends AppError {
  constructor(message: string) {
    super('RATE_LIMITED', message);
  }
}

export class ConflictError extends AppError {
  constructor(message: string, reason?: Reason) {
    super('CONFLICT', message, reason);
  }
}
