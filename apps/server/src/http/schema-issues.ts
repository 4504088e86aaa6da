import { ISSUE_CODES, type IssueCode, type MessageParams } from '@ganzhi/contracts';
import type { FieldIssue } from '@ganzhi/runtime';

/**
 * One failed check of a request schema as the zod type provider reports it: zod's issue code as `keyword`, the
 * issue's other fields (`minimum`, `origin`, `values` …) as `params`.
 */
export interface SchemaIssue {
  readonly keyword: string;
  /** Dotted, like every `path` the API reports (`steps.0.url`). */
  readonly path: string;
  readonly message: string;
  readonly params: Readonly<Record<string, unknown>>;
  /** The value the issue is about, read from the request; undefined when the field is missing. */
  readonly value: unknown;
}

interface Coded {
  readonly code: IssueCode;
  readonly params?: MessageParams;
}

function isIssueCode(value: unknown): value is IssueCode {
  return ISSUE_CODES.some((code) => code === value);
}

/** Lists arrive as one text, so a client fills them in like any other value. */
function joined(values: unknown): string {
  return Array.isArray(values) ? values.map(String).join(', ') : String(values);
}

function tooSmall(params: Readonly<Record<string, unknown>>, value: unknown): Coded {
  const minimum = Number(params.minimum);
  switch (params.origin) {
    case 'string':
      // An empty (or, after trim, blank) text where one is needed is what a form calls a required field.
      return minimum <= 1 || (typeof value === 'string' && value.trim() === '')
        ? { code: 'required' }
        : { code: 'too_short', params: { minimum } };
    case 'array':
    case 'set':
      return { code: 'too_few', params: { minimum } };
    default:
      return params.inclusive === false
        ? { code: 'must_exceed', params: { minimum: String(params.minimum) } }
        : { code: 'too_small', params: { minimum: String(params.minimum) } };
  }
}

function tooBig(params: Readonly<Record<string, unknown>>): Coded {
  const maximum = Number(params.maximum);
  switch (params.origin) {
    case 'string':
      return { code: 'too_long', params: { maximum } };
    case 'array':
    case 'set':
      return { code: 'too_many', params: { maximum } };
    default:
      return params.inclusive === false
        ? { code: 'must_be_below', params: { maximum: String(params.maximum) } }
        : { code: 'too_big', params: { maximum: String(params.maximum) } };
  }
}

/** A refinement of our own names its code in `params.code` (`context.addIssue({ …, params: { code } })`). */
function customCode(params: Readonly<Record<string, unknown>>): Coded | null {
  const own: unknown = params.params;
  if (typeof own !== 'object' || own === null) return null;
  const code: unknown = Reflect.get(own, 'code');
  return isIssueCode(code) ? { code } : null;
}

function codeOf(issue: SchemaIssue): Coded | null {
  const { params } = issue;
  switch (issue.keyword) {
    case 'invalid_type':
      if (issue.value === undefined) return { code: 'required' };
      if (params.expected === 'int') return { code: 'not_integer' };
      return { code: 'invalid_type', params: { expected: String(params.expected) } };
    case 'too_small':
      return tooSmall(params, issue.value);
    case 'too_big':
      return tooBig(params);
    case 'invalid_value':
      return { code: 'invalid_enum', params: { values: joined(params.values) } };
    case 'invalid_format':
      return { code: 'invalid_format', params: { format: String(params.format) } };
    case 'unrecognized_keys':
      return { code: 'unknown_key', params: { keys: joined(params.keys) } };
    case 'invalid_union':
    case 'not_multiple_of':
    case 'invalid_key':
    case 'invalid_element':
      return { code: 'invalid_value' };
    case 'custom':
      // A refinement's message is specific ("the URL needs a host"); without a code of its own it is shown as is.
      return customCode(params);
    default:
      return null;
  }
}

/**
 * The field issue of a schema issue, with the stable code and params a client translates it by (zod's own codes
 * reduced to what a form says: a missing or blank field is `required`, a short text `too_short` …). The English
 * message is kept as zod wrote it.
 * @example fieldIssueOfSchemaIssue({ keyword: 'too_big', path: 'name', message: 'Too big…', params: { origin: 'string', maximum: 100 }, value: 'x' })
 *   // { path: 'name', message: 'Too big…', code: 'too_long', params: { maximum: 100 } }
 */
export function fieldIssueOfSchemaIssue(issue: SchemaIssue): FieldIssue {
  const coded = codeOf(issue);
  return { path: issue.path, message: issue.message, ...coded };
}

/** The value at a dotted path of a parsed request part (`steps.0.url` of the body); undefined when absent. */
export function valueAtPath(input: unknown, path: string): unknown {
  if (path === '') return input;
  let value: unknown = input;
  for (const segment of path.split('.')) {
    if (typeof value !== 'object' || value === null) return undefined;
    value = Reflect.get(value, segment);
  }
  return value;
}
