import { JSONPath } from 'jsonpath-plus';
import {
  JsonPathError,
  parseJsonPath,
  type JsonPathSegment,
  type JsonPathSelector,
} from './parse-json-path.js';

function engineStep(selector: JsonPathSelector): string {
  switch (selector.type) {
    case 'name':
      return selector.name;
    case 'index':
      return String(selector.index);
    case 'slice':
      return selector.text;
    case 'wildcard':
      return '*';
  }
}

/** The steps jsonpath-plus must read from the path for it to select what the strict reading says. */
function engineSteps(segments: readonly JsonPathSegment[]): string[] {
  return [
    '$',
    ...segments.flatMap((segment) => [
      ...(segment.descendant ? ['..'] : []),
      segment.selectors.map(engineStep).join(','),
    ]),
  ];
}

/**
 * A JSONPath checked strictly, then evaluated by jsonpath-plus. The engine's own reader is lenient (it reads `$..[`
 * as `$..`, which selects the whole document, and `$.a[` as `$.a`), so a path is first read by `parseJsonPath`, and
 * used only when the engine reads it into the same steps: what is accepted is evaluated as written.
 */
export interface JsonPathQuery {
  readonly path: string;
  select(json: unknown): unknown[];
}

/**
 * Checks a JSONPath and returns its query. Throws JsonPathError naming what is wrong: a syntax error and where it
 * is, a filter or script expression, or a construct the engine would read differently.
 *
 * @example compileJsonPath('$.items[*].name').select({ items: [{ name: 'a' }] }) // ['a']
 */
export function compileJsonPath(path: string): JsonPathQuery {
  const expected = engineSteps(parseJsonPath(path));
  const read = JSONPath.toPathArray(path);
  if (read.length !== expected.length || read.some((step, index) => step !== expected[index]))
    throw new JsonPathError(
      `unsupported JSONPath: the engine would read it as ${JSON.stringify(read)}, not ${JSON.stringify(expected)}`,
    );
  return {
    path,
    // `eval: false`: expressions come from users, and filters or scripts would run their code (refused above anyway).
    select: (json) => {
      const found: unknown = JSONPath({ path, json: json as object, wrap: true, eval: false });
      return Array.isArray(found) ? (found as unknown[]) : [];
    },
  };
}

/** What `path` selects in `json`, every match in document order. Throws JsonPathError for a path it refuses. */
export function selectJsonPath(json: unknown, path: string): unknown[] {
  return compileJsonPath(path).select(json);
}

/** Why `path` cannot be used, or null: the same reading runs use, so what would fail at run is refused at save. */
export function findJsonPathProblem(path: string): string | null {
  try {
    compileJsonPath(path);
    return null;
  } catch (error) {
    if (error instanceof JsonPathError) return error.message;
    throw error;
  }
}
