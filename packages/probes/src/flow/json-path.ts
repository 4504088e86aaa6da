import { JSONPath } from 'jsonpath-plus';

/**
 * Runs a JSONPath with the settings every run uses. `eval: false` because expressions come from users and filter or
 * script expressions (`[?(…)]`, `[(…)]`) would run their code; jsonpath-plus then throws when it reaches one.
 */
export function selectJsonPath(json: unknown, path: string): unknown[] {
  const found: unknown = JSONPath({ path, json: json as object, wrap: true, eval: false });
  return Array.isArray(found) ? (found as unknown[]) : [];
}

// Steps the engine treats as expressions (filters, scripts, `@type()` selectors) rather than property names.
const EXPRESSION_STEP = /^(\?\(|\(|@)/;

function isPropertyName(key: string | symbol): key is string {
  return typeof key === 'string' && !EXPRESSION_STEP.test(key) && !(key in Object.prototype);
}

/**
 * A JSON document in which every ordinary property name exists (its value being the document again), so evaluating
 * a path against it reaches every step after a name, the way a matching response would. Expression steps are not
 * properties here, or jsonpath-plus would follow them as literal names; listing no keys keeps `*` and `..` finite.
 */
const EVERY_NAME: object = new Proxy(
  {},
  {
    getOwnPropertyDescriptor: (_target, key) =>
      isPropertyName(key)
        ? { value: EVERY_NAME, writable: true, enumerable: true, configurable: true }
        : undefined,
    get: (_target, key) => (isPropertyName(key) ? EVERY_NAME : undefined),
    has: (_target, key) => isPropertyName(key),
    ownKeys: () => [],
  },
);

function describeFailure(error: unknown): string {
  return `invalid JSONPath: ${error instanceof Error ? error.message : String(error)}`;
}

/**
 * Why `path` would fail when a run evaluates it, or null. Uses the engine's own parser to find filter and script
 * steps (refused at run time wherever they stand, even behind a wildcard an empty document never expands), then
 * evaluates the path with the run-time settings on documents that reach its steps, catching whatever else throws.
 */
export function findJsonPathProblem(path: string): string | null {
  if (!/^\$(\.|\[|$)/.test(path)) return 'a JSONPath starts with "$", e.g. $.data.token';
  let steps: readonly unknown[];
  try {
    steps = JSONPath.toPathArray(path);
  } catch (error) {
    return describeFailure(error);
  }
  const expression = steps.find((step) => typeof step === 'string' && /^(\?\(|\()/.test(step));
  if (typeof expression === 'string')
    return `filter and script expressions such as [${expression}] are not supported: checks evaluate JSONPath without running code`;
  for (const json of [EVERY_NAME, {}, []]) {
    try {
      selectJsonPath(json, path);
    } catch (error) {
      return describeFailure(error);
    }
  }
  return null;
}
