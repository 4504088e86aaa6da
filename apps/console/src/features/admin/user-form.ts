import type { UserCreate, UserDetail, UserUpdate } from '@ganzhi/contracts';
import type { FieldIssue } from '../../lib/api-error';
import { placeFieldIssues, type PlacedIssues } from '../../lib/field-errors';
import type { Translate } from '../../lib/i18n';

/** The user drawer's fields; username and password only when creating. */
export interface UserFormValues {
  readonly username: string;
  readonly password: string;
  readonly displayName: string;
  readonly email: string;
  readonly roles: string[];
  /** Region codes; none = the whole province. */
  readonly regions: string[];
}

export const USER_FORM_FIELDS = ['username', 'password', 'displayName', 'email', 'roles', 'regions'] as const;

/** The starting values of the drawer: a user's own, or empty for a new one. */
export function userFormValuesOf(user: UserDetail | null): UserFormValues {
  return {
    username: user?.username ?? '',
    password: '',
    displayName: user?.displayName ?? '',
    email: user?.email ?? '',
    roles: user ? [...user.roles] : [],
    regions: user ? [...user.regions] : [],
  };
}

export function toUserCreate(values: UserFormValues): UserCreate {
  return {
    username: values.username.trim(),
    password: values.password,
    displayName: values.displayName.trim(),
    email: values.email.trim(),
    roles: values.roles,
    regions: values.regions,
  };
}

/** The editable fields only: username and password are not changed here. */
export function toUserUpdate(values: UserFormValues): UserUpdate {
  return {
    displayName: values.displayName.trim(),
    email: values.email.trim(),
    roles: values.roles,
    regions: values.regions,
  };
}

/**
 * The server's problems with a user under the drawer's fields: the password policy in the user's language
 * (`password`), unknown roles and regions (`roles.0`, `regions.1`) under their pickers.
 */
export function placeUserIssues(
  details: readonly FieldIssue[],
  t: Translate,
): PlacedIssues<(typeof USER_FORM_FIELDS)[number]> {
  return placeFieldIssues(details, {
    fields: USER_FORM_FIELDS,
    t,
  });
}
