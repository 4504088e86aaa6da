import { secretForms } from './secret-forms.js';

export const SECRET_MASK = '••••••';

/** Hides a set of secrets, in every form they can take (see `secretForms`), wherever text leaves a run. */
export interface SecretMasker {
  /** Whether `text` shows any of the secrets in any form. */
  readonly reveals: (text: string) => boolean;
  /** `text` with every form of every secret replaced by SECRET_MASK. */
  readonly maskText: (text: string) => string;
  /** Masks every string value inside `value` (deeply), leaving keys, structure and non-strings alone. */
  readonly mask: <T>(value: T) => T;
}

/**
 * A masker for `secrets`. Every non-empty secret is masked however short: masking a one-character secret makes
 * results hard to read, but leaving it out would leak it, and the remedy (a longer secret) is the operator's.
 *
 * @example createSecretMasker(['s3cret']).maskText('pw=s3cret b64=czNjcmV0') // 'pw=•••••• b64=••••••'
 */
export function createSecretMasker(secrets: readonly string[]): SecretMasker {
  // Longest first, so a form containing a shorter one (an encoding of `user:secret`) is masked whole.
  const forms = [...new Set(secrets.flatMap(secretForms))].sort((a, b) => b.length - a.length);
  const maskText = (text: string): string => {
    let masked = text;
    for (const form of forms) if (masked.includes(form)) masked = masked.split(form).join(SECRET_MASK);
    return masked;
  };
  const mask = <T>(value: T): T => {
    if (forms.length === 0) return value;
    if (typeof value === 'string') return maskText(value) as T;
    if (Array.isArray(value)) return (value as unknown[]).map((item) => mask(item)) as T;
    if (value !== null && typeof value === 'object' && !(value instanceof Uint8Array)) {
      return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, mask(item)])) as T;
    }
    return value;
  };
  return {
    reveals: (text) => forms.some((form) => text.includes(form)),
    maskText,
    mask,
  };
}

/** Replaces every form of each secret in every string inside `value` (deeply). */
export function maskSecrets<T>(value: T, secrets: readonly string[]): T {
  return createSecretMasker(secrets).mask(value);
}
