import { secretNameSchema } from '@ganzhi/contracts';

/** The pattern of a secret's name as the server checks it, for the form's own rule. */
export const SECRET_NAME_PATTERN = /^[A-Z][A-Z0-9_]{0,63}$/;

/**
 * True when the server would accept `name` as a secret's name.
 * @example isSecretName('CRM_PASSWORD') // true; isSecretName('crm-password') // false
 */
export function isSecretName(name: string): boolean {
  return secretNameSchema.safeParse(name).success;
}

/**
 * A secret's name as typed, in the form the server takes: upper case, spaces and dashes as `_`.
 * @example normalizeSecretNameInput('crm-password') // "CRM_PASSWORD"
 */
export function normalizeSecretNameInput(input: string): string {
  return input.toUpperCase().replace(/[\s-]/g, '_');
}

/**
 * How a check's step refers to the secret.
 * @example secretReference('CRM_PASSWORD') // "{{secrets.CRM_PASSWORD}}"
 */
export function secretReference(name: string): string {
  return `{{secrets.${name}}}`;
}
