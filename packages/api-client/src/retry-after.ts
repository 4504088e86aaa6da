/**
 * The wait a Retry-After header asks for, in milliseconds (RFC 9110 §10.2.3: delay-seconds or an HTTP date), or
 * null when there is none or it cannot be read. A date in the past means "now" (0).
 *
 * @example parseRetryAfterMs('120', Date.now()) // 120000
 */
export function parseRetryAfterMs(header: string | null, nowMs: number): number | null {
  if (header === null) return null;
  const text = header.trim();
  if (/^\d+$/.test(text)) return Number(text) * 1000;
  // An HTTP date always names its day and month; without letters, `Date.parse` would read '-5' as a year.
  if (!/[a-z]/i.test(text)) return null;
  const atMs = Date.parse(text);
  return Number.isNaN(atMs) ? null : Math.max(0, atMs - nowMs);
}
