import type { SessionUser } from '@ganzhi/contracts';
import type { FieldIssue } from '../../lib/api-error';

/** The field the login and enable routes report a one-time code problem on. */
export const LOGIN_CODE_FIELD = 'totp';

/**
 * The server's issue with the one-time code of a failed login, or null when the failure is about something else
 * (wrong password). Its presence means the user has a second factor, so the form asks for the code.
 * @example loginCodeIssue([{ path: 'totp', message: 'a one-time code is required' }])?.message
 */
export function loginCodeIssue(details: readonly FieldIssue[]): FieldIssue | null {
  return details.find((issue) => issue.path === LOGIN_CODE_FIELD) ?? null;
}

/**
 * What the user typed as a one-time code, reduced to its digits (authenticator apps show `123 456`).
 * @example normalizeOneTimeCode(' 123 456 ') // "123456"
 */
export function normalizeOneTimeCode(input: string): string {
  return input.replace(/\D/g, '');
}

/** True for six digits, the only code shape the server accepts. */
export function isOneTimeCode(code: string): boolean {
  return /^\d{6}$/.test(code);
}

/**
 * A base32 secret in groups of four, easier to type into an authenticator app by hand.
 * @example groupSecret('JBSWY3DPEHPK3PXP') // "JBSW Y3DP EHPK 3PXP"
 */
export function groupSecret(secret: string): string {
  return (secret.replace(/\s/g, '').match(/.{1,4}/g) ?? []).join(' ');
}

/**
 * True when the user must enrol a second factor before anything else: the server grants them no permission until
 * then, so the console shows only the enrolment instead of a 403 on every page.
 */
export function mustEnrolSecondFactor(user: SessionUser | undefined): boolean {
  return user?.totpRequired === true;
}
