import type { AuthRepository } from './auth-repository.js';

/** Failures allowed before any delay: a mistyped password or two should not lock anyone out. */
const FREE_FAILURES = 3;
const MAX_DELAY_MS = 15 * 60_000;
/** A key's count is forgotten after a quiet day. */
const FORGET_AFTER_MS = 24 * 3_600_000;

/**
 * Exponential delay per username and per client address, kept in the database so every server node shares it:
 * after 3 failures 1 s, then 2, 4, 8 … up to 15 minutes between attempts.
 */
export function createLoginThrottle(repository: AuthRepository) {
  const keysOf = (username: string, address: string | null) => [
    `user:${username.toLowerCase()}`,
    ...(address ? [`addr:${address}`] : []),
  ];

  return {
    /** Milliseconds until the next attempt is allowed for this username or address (0 = now). */
    async waitMs(username: string, address: string | null, nowMs: number): Promise<number> {
      let wait = 0;
      for (const key of keysOf(username, address)) {
        const row = await repository.findLoginAttempt(key);
        if (row && nowMs - row.last_failure_at < FORGET_AFTER_MS)
          wait = Math.max(wait, row.blocked_until - nowMs);
      }
      return Math.max(0, wait);
    },

    async noteFailure(username: string, address: string | null, nowMs: number): Promise<void> {
      for (const key of keysOf(username, address)) {
        const row = await repository.findLoginAttempt(key);
        const failures = row && nowMs - row.last_failure_at < FORGET_AFTER_MS ? row.failures + 1 : 1;
        const delay =
          failures <= FREE_FAILURES ? 0 : Math.min(MAX_DELAY_MS, 1000 * 2 ** (failures - FREE_FAILURES - 1));
        await repository.saveLoginAttempt({
          key,
          failures,
          last_failure_at: nowMs,
          blocked_until: nowMs + delay,
        });
      }
    },

    /** A success clears the username's count; the address keeps its own (one address may be guessing many names). */
    async noteSuccess(username: string): Promise<void> {
      await repository.clearLoginAttempt(`user:${username.toLowerCase()}`);
    },

    prune: (nowMs: number) => repository.pruneLoginAttempts(nowMs - FORGET_AFTER_MS),
  };
}
