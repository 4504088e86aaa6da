// Runtime for code that also runs in a browser: backoff and the clock, with no Node built-ins and no logger.
export { computeBackoffMs } from './backoff.js';
export type { BackoffOptions } from './backoff.js';
export { systemClock } from './clock.js';
export type { Clock } from './clock.js';
