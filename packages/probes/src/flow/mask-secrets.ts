export const SECRET_MASK = '••••••';

/** Replaces every occurrence of each secret in every string inside `value` (deeply). */
export function maskSecrets<T>(value: T, secrets: readonly string[]): T {
  if (secrets.length === 0) return value;
  if (typeof value === 'string') {
    let masked: string = value;
    for (const secret of secrets) masked = masked.split(secret).join(SECRET_MASK);
    return masked as T;
  }
  if (Array.isArray(value)) return (value as unknown[]).map((item) => maskSecrets(item, secrets)) as T;
  if (value !== null && typeof value === 'object' && !(value instanceof Uint8Array)) {
    return Object.fromEntries(
      Object.entries(value).map(([key, item]) => [key, maskSecrets(item, secrets)]),
    ) as T;
  }
  return value;
}
