export interface BackoffOptions {
  readonly initialMs: number;
  readonly maxMs: number;
  readonly factor?: number;
}

/**
 * Exponential backoff with full jitter: the delay for `attempt` (0-based) is uniform in [0, min(max, initial·factor^attempt)].
 * Full jitter keeps many agents that lost the server at the same moment from retrying in lockstep.
 */
export function computeBackoffMs(
  attempt: number,
  options: BackoffOptions,
  random: () => number = Math.random,
): number {
  const factor = options.factor ?? 2;
  const ceiling = Math.min(options.maxMs, options.initialMs * factor ** Math.max(0, attempt));
  return Math.round(random() * ceiling);
}
