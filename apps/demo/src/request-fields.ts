/** Parsers for the fields the demo APIs accept; each returns null for anything it would not accept. */

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Mainland mobile numbers: 11 digits starting with 1. @example parsePhone('13907310001') // '13907310001' */
export function parsePhone(value: unknown): string | null {
  return typeof value === 'string' && /^1\d{10}$/.test(value) ? value : null;
}

// One web-hall payment is capped (real halls cap single online payments); the cap keeps typos out of balances.
const MAX_PAYMENT_FEN = 500_000;

/** A positive yuan amount with at most two decimals, as fen. @example parseAmountFen(50.5) // 5050 */
export function parseAmountFen(value: unknown): number | null {
  if (typeof value !== 'number' || !Number.isFinite(value)) return null;
  const fen = Math.round(value * 100);
  const hasAtMostTwoDecimals = Math.abs(fen - value * 100) < 1e-6;
  return hasAtMostTwoDecimals && fen > 0 && fen <= MAX_PAYMENT_FEN ? fen : null;
}

/** A billing month `YYYY-MM`. @example parseMonth('2025-02') // '2025-02' */
export function parseMonth(value: string): string | null {
  const match = /^(\d{4})-(\d{2})$/.exec(value);
  const month = Number(match?.[2]);
  return match && month >= 1 && month <= 12 ? value : null;
}

/** The `YYYY-MM` (UTC) of an epoch-ms instant. @example formatMonth(Date.UTC(2025, 1, 3)) // '2025-02' */
export function formatMonth(epochMs: number): string {
  return new Date(epochMs).toISOString().slice(0, 7);
}

/** The session token from `Authorization: Bearer …` or the `session` cookie set at login; null when neither. */
export function readSessionToken(
  headers: Readonly<Record<string, string | string[] | undefined>>,
): string | null {
  const authorization = headers.authorization;
  if (typeof authorization === 'string' && authorization.startsWith('Bearer '))
    return authorization.slice(7).trim();
  const cookie = headers.cookie;
  if (typeof cookie !== 'string') return null;
  for (const pair of cookie.split(';')) {
    const [name, ...rest] = pair.trim().split('=');
    if (name === 'session') return rest.join('=');
  }
  return null;
}
