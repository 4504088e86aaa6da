import { isApiError, parseErrorEnvelope, readErrorEnvelope as readEnvelopeError } from '@ganzhi/api-client';

// The console's names for the shared client's errors (@ganzhi/api-client). The envelope is read there by hand, not
// with the contracts' schema, so the login page loads no zod.
export { ApiError, isApiError } from '@ganzhi/api-client';
export type { ApiErrorInit, ClientErrorCode, FieldIssue, IssueParams } from '@ganzhi/api-client';

/**
 * The error of an envelope as the contracts' `errorEnvelopeSchema` defines it, or null for any other body
 * (`parseErrorEnvelope` of the shared client, under the console's older name).
 */
export const readErrorEnvelope = parseErrorEnvelope;

/**
 * Reads the `{ error: { code, message, requestId, reason, params, details } }` envelope; anything else becomes
 * BAD_RESPONSE.
 *
 * @example toApiError(403, body).reason // 'region_out_of_scope'
 */
export function toApiError(status: number, body: unknown) {
  return readEnvelopeError(status, body);
}

/** True when the session is missing or expired: the console then goes back to the login page. */
export function isUnauthenticated(error: unknown): boolean {
  return isApiError(error) && error.status === 401;
}
