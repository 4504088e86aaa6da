/** Field names whose values never enter the audit log, at any depth. */
const SECRET_KEY =
  /pass(word)?|secret|token|credential|authorization|cookie|api[-_]?key|private[-_]?key|totp/i;
export const MASKED = '••••••';
const MAX_DEPTH = 6;
const MAX_TEXT = 2_000;

/** Flattens a JSON-like value to dotted paths (`steps.0.url`), masking secret-named fields and long texts. */
function flatten(value: unknown, at: { path: string; depth: number }, into: Map<string, unknown>): void {
  const { path, depth } = at;
  if (value !== null && typeof value === 'object' && depth < MAX_DEPTH) {
    const entries = Array.isArray(value)
      ? value.map((item, index) => [String(index), item] as const)
      : Object.entries(value as Record<string, unknown>);
    if (entries.length === 0) into.set(path, Array.isArray(value) ? [] : {});
    for (const [key, item] of entries) {
      const child = path ? `${path}.${key}` : key;
      if (SECRET_KEY.test(key) && item !== null && item !== undefined && item !== '') into.set(child, MASKED);
      else flatten(item, { path: child, depth: depth + 1 }, into);
    }
    return;
  }
  if (typeof value === 'string' && value.length > MAX_TEXT) into.set(path, `${value.slice(0, MAX_TEXT)}…`);
  else if (value !== undefined) into.set(path, value);
}

/**
 * The fields that differ between two states as `{ path: [before, after] }` (null where a side is absent), secrets
 * masked; null when nothing differs.
 *
 * @example diffForAudit({ roles: ['viewer'] }, { roles: ['operator'] }) // { 'roles.0': ['viewer', 'operator'] }
 */
export function diffForAudit(before: unknown, after: unknown): Record<string, [unknown, unknown]> | null {
  const left = new Map<string, unknown>();
  const right = new Map<string, unknown>();
  if (before !== undefined && before !== null) flatten(before, { path: '', depth: 0 }, left);
  if (after !== undefined && after !== null) flatten(after, { path: '', depth: 0 }, right);
  const changes: Record<string, [unknown, unknown]> = {};
  for (const key of new Set([...left.keys(), ...right.keys()])) {
    const a = left.has(key) ? left.get(key) : null;
    const b = right.has(key) ? right.get(key) : null;
    if (JSON.stringify(a) !== JSON.stringify(b) || (a === MASKED && b === MASKED))
      changes[key || '.'] = [a, b];
  }
  return Object.keys(changes).length > 0 ? changes : null;
}
