// Runtime: the cross-cutting pieces every process uses (errors with codes, logger, clock, secrets, backoff).
export {
  AppError,
  NotFoundError,
  ValidationError,
  UnauthenticatedError,
  ForbiddenError,
  RateLimitedError,
  ConflictError,
  isAppError,
} from './app-error.js';
export type { ErrorCode, FieldIssue } from './app-error.js';
export { systemClock } from './clock.js';
export type { Clock } from './clock.js';
export { settlesWithin } from './settles-within.js';
export { Secret } from './secret.js';
export { createLogger, createSilentLogger } from './logger.js';
export type { Logger, LoggerOptions } from './logger.js';
export { computeBackoffMs } from './backoff.js';
export type { BackoffOptions } from './backoff.js';
export { stableHash32 } from './stable-hash.js';
export { createPrivateDir, restrictToOwner } from './private-files.js';
