import { z } from 'zod';

/** Variable names: letters, digits and `_`, not starting with a digit (`{{orderId}}`). */
export const variableNameSchema = z
  .string()
  .regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'use letters, digits and "_", not starting with a digit')
  .max(64);

/**
 * Takes a value out of a step's response into a variable for later steps.
 * - jsonPath: a JSONPath into the JSON body, from the root `$`: `.name`, `['name']`, `[0]`, `[*]`, `.*`, slices
 *   `[1:3]`, `[-1:]`, unions `[0,2]` and `..` (`$.data.token`, `$..id`, `$.items[*].name`); no filter or script
 *   expressions such as `[?(…)]`, and a path that does not read completely (`$.a[`) is refused;
 * - regex: first capture group (or whole match) in the body, RE2 syntax (no backreferences or lookaround);
 * - header / cookie: by name; status: the status code; css: text of the first element matching a selector (browser).
 */
export const extractionSchema = z.object({
  variable: variableNameSchema,
  from: z.enum(['jsonPath', 'regex', 'header', 'cookie', 'status', 'css']),
  expression: z.string().max(500).default(''),
  /** Secret values are masked in run results and the problem scene. */
  secret: z.boolean().default(false),
});
export type Extraction = z.infer<typeof extractionSchema>;

export const comparisonSchema = z.enum([
  'equals',
  'notEquals',
  'contains',
  'notContains',
  'matches',
  'lessThan',
  'lessOrEqual',
  'greaterThan',
  'greaterOrEqual',
  'exists',
  'notExists',
]);
export type Comparison = z.infer<typeof comparisonSchema>;

/**
 * A check on what a step observed. `subject` says what is compared, `expression` narrows it (header name, JSONPath,
 * CSS selector), `comparison` and `value` say how. Example: `{ subject: jsonPath, expression: $.code, comparison:
 * equals, value: "0000" }`.
 */
export const assertionSchema = z.object({
  subject: z.enum(['status', 'body', 'header', 'jsonPath', 'latencyMs', 'text', 'element']),
  expression: z.string().max(500).default(''),
  comparison: comparisonSchema,
  value: z.union([z.string(), z.number(), z.boolean()]).optional(),
});
export type Assertion = z.infer<typeof assertionSchema>;

/** Fields every step kind has. */
export const stepBaseShape = {
  name: z.string().min(1).max(120).optional(),
  /** The step's own time budget; the check's `flowTimeoutMs` bounds the whole flow. */
  timeoutMs: z.number().int().min(100).max(300_000).default(10_000),
  extract: z.array(extractionSchema).max(50).default([]),
  assert: z.array(assertionSchema).max(50).default([]),
};

/** A host name or IP literal (no scheme, no port). */
export const hostSchema = z
  .string()
  .min(1)
  .max(253)
  .regex(/^[A-Za-z0-9.:_-]+$/, 'a host name or IP address, without scheme or port');

export const portSchema = z.number().int().min(1).max(65_535);
