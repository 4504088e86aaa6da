/** Field names whose values never enter the audit log, at any depth. */
const SECRET_KEY =
  /pass(word)?|secret|token|credential|authorization|cookie|api[-_]?key|private[-_]?key|totp/i;
export const MASKED = '••••••';
const MAX_DEPTH = 6;
const MAX_TEXT = 2_000;

interface Leaf {
  readonly value: unknown;
  /** Under a secret-like name: compared, never shown. */
  readonly isSecret: boolean;
}

/** Flattens a JSON-like value to dotted paths (`steps.0.url`), noting which leaves sit under secret-like names. */
function flatten(
  value: unknown,
  at: { path: string; depth: number; isSecret: boolean },
  into: Map<string, Leaf>,
): void {
  const { path, depth, isSecret } = at;
  if (value !== null && typeof value === 'object' && depth < MAX_DEPTH) {
    const entries = Array.isArray(value)
      ? value.map((item, index) => [String(index), item] as const)
      : Object.entries(value as Record<string, unknown>);
    if (entries.length === 0) into.set(path, { value: Array.isArray(value) ? [] : {}, isSecret });
    for (const [key, item] of entries) {
      const child = path ? `${path}.${key}` : key;
      flatten(item, { path: child, depth: depth + 1, isSecret: isSecret || SECRET_KEY.test(key) }, into);
    }
    return;
  }
  if (value !== undefined) into.set(path, { value, isSecret });
}

/** What the log shows of one side: secrets masked (flags such as `totpEnabled` say nothing secret), long text cut. */
function shown(leaf: Leaf | undefined): unknown {
  if (!leaf) return null;
  const { value, isSecret } = leaf;
  if (isSecret && value !== null && value !== '' && typeof value !== 'boolean') return MASKED;
  return typeof value === 'string' && value.length > MAX_TEXT ? `${value.slice(0, MAX_TEXT)}…` : value;
}

/**
 * The fields that differ between two states as `{ path: [before, after] }` (null where a side is absent), secrets
 * compared but masked; null when nothing differs.
 *
 * @example diffForAudit({ roles: ['viewer'] }, { roles: ['operator'] }) // { 'roles.0': ['viewer', 'operator'] }
 */
export function diffForAudit(before: unknown, after: unknown): Record<string, [unknown, unknown]> | null {
  const left = new Map<string, Leaf>();
  const right = new Map<string, Leaf>();
  const root = { path: '', depth: 0, isSecret: false };
  if (before !== undefined && before !== null) flatten(before, root, left);
  if (after !== undefined && after !== null) flatten(after, root, right);
  const changes: Record<string, [unknown, unknown]> = {};
  for (const key of new Set([...left.keys(), ...right.keys()])) {
    const a = left.get(key);
    const b = right.get(key);
    if (JSON.stringify(a?.value ?? null) !== JSON.stringify(b?.value ?? null))
      changes[key || '.'] = [shown(a), shown(b)];
  }
  return Object.keys(changes).length > 0 ? changes : null;
}
