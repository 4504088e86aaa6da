import type { FieldPath, FormIssue } from './check-form-issues';

/**
 * The paths of the leaves in antd's `onValuesChange` argument. A change inside a list arrives as a sparse array
 * (`{ steps: [, { url }] }` → `['steps', 1, 'url']`); adding, moving or removing list entries arrives as the whole
 * list, so every leaf of it counts as changed.
 */
export function changedLeafPaths(changed: unknown, prefix: FieldPath = []): FieldPath[] {
  if (Array.isArray(changed)) {
    const paths: FieldPath[] = [];
    // forEach skips the holes of a sparse array, which are exactly the entries that did not change.
    changed.forEach((item, index) => paths.push(...changedLeafPaths(item, [...prefix, index])));
    return paths.length > 0 ? paths : [prefix];
  }
  if (changed !== null && typeof changed === 'object') {
    const entries = Object.entries(changed);
    if (entries.length === 0) return [prefix];
    return entries.flatMap(([key, value]) => changedLeafPaths(value, [...prefix, key]));
  }
  return [prefix];
}

function startsWith(path: FieldPath, prefix: FieldPath): boolean {
  return prefix.length <= path.length && prefix.every((segment, index) => path[index] === segment);
}

/**
 * True when an edit may have fixed (or moved) the problem: its field, or a list that contains it, changed. A
 * problem without a field is touched by any change inside its step.
 */
export function isIssueTouched(issue: FormIssue, changed: readonly FieldPath[]): boolean {
  const { field, stepIndex } = issue;
  if (field !== null) return changed.some((path) => startsWith(field, path) || startsWith(path, field));
  if (stepIndex === null) return false;
  return changed.some(
    (path) => startsWith(path, ['steps', stepIndex]) || startsWith(['steps', stepIndex], path),
  );
}

/** A stable key for a field path (antd compares name paths by value). */
export function fieldKeyOf(field: FieldPath): string {
  return JSON.stringify(field);
}

/**
 * Issues grouped per field the way antd's `setFields` takes them; one value can break two rules with the same
 * explanation (a URL that is neither absolute nor http), so repeated messages are shown once.
 */
export function fieldErrorsOf(
  issues: readonly FormIssue[],
): Map<string, { name: FieldPath; errors: string[] }> {
  const byField = new Map<string, { name: FieldPath; errors: string[] }>();
  for (const { field, message } of issues) {
    if (field === null) continue;
    const key = fieldKeyOf(field);
    const entry = byField.get(key) ?? { name: field, errors: [] };
    if (!entry.errors.includes(message)) entry.errors.push(message);
    byField.set(key, entry);
  }
  return byField;
}
