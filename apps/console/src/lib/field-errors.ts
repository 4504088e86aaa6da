import { isApiError, type FieldIssue } from './api-error';
import type { Translate } from './i18n';
import { describeIssue } from './server-text';

/** Errors for one form field, in the shape antd's `form.setFields` takes. */
export interface FieldErrors<Field extends string = string> {
  readonly name: Field;
  readonly errors: string[];
}

/** A server's field issues split into those a form can show under a field and the rest. */
export interface PlacedIssues<Field extends string = string> {
  readonly placed: FieldErrors<Field>[];
  readonly unplaced: FieldIssue[];
}

/**
 * Places the API's field issues on a flat form, in the reader's language (by code, see `describeIssue`): `roles.1`
 * belongs to the `roles` field; issues of fields the form does not have come back apart, for a message.
 * @example placeFieldIssues([{ path: 'password', message: 'at least 10 characters', code: 'password_too_short', params: { minimum: 10 } }], { fields: ['password'], t })
 */
export function placeFieldIssues<Field extends string>(
  details: readonly FieldIssue[],
  options: { fields: readonly Field[]; t: Translate },
): PlacedIssues<Field> {
  const byField = new Map<Field, string[]>();
  const unplaced: FieldIssue[] = [];
  for (const issue of details) {
    const first = issue.path.split('.')[0];
    const field = options.fields.find((candidate) => candidate === first);
    if (field === undefined) {
      unplaced.push(issue);
      continue;
    }
    const message = describeIssue(issue, options.t);
    byField.set(field, [...(byField.get(field) ?? []), message]);
  }
  return { placed: [...byField].map(([name, errors]) => ({ name, errors })), unplaced };
}

/**
 * The error to show above a form: one the server did not tie to fields (or any other failure); null when every
 * problem has a field to show it under.
 * @example errorWithoutFieldDetails(save.error) // null for a VALIDATION_FAILED with details
 */
export function errorWithoutFieldDetails(error: Error | null): Error | null {
  return error && (!isApiError(error) || error.details.length === 0) ? error : null;
}
