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

/** One problem with one field of an input; `path` is dotted (`steps.0.url`). */
export interface FieldIssue {
  readonly path: string;
  readonly message: string;
}

export class AppError extends Error {
  readonly code: ErrorCode;
  readonly details: readonly FieldIssue[] | undefined;

  constructor(
    code: ErrorCode,
    message: string,
    options?: { details?: readonly FieldIssue[]; cause?: unknown },
  ) {
    super(message, { cause: options?.cause });
    this.name = 'AppError';
    this.code = code;
    this.details = options?.details;
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
  constructor(message: string) {
    super('FORBIDDEN', message);
  }
}

export class RateLimitedError extends AppError {
  constructor(message: string) {
    super('RATE_LIMITED', message);
  }
}

export class ConflictError extends AppError {
  constructor(message: string) {
    super('CONFLICT', message);
  }
}
