// What `ganzhi apply` can tell about its definitions without a server: their schema, and the flows of checks.
import {
  checkInputSchema,
  dimensionsInputSchema,
  indicatorInputSchema,
  userApplySchema,
  type CheckInput,
  type DimensionsInput,
  type IndicatorDefinition,
  type UserApply,
} from '@ganzhi/contracts';
import { validateFlow } from '@ganzhi/probes';
import type { Located } from './read-definitions.js';

/** A valid definition with the `file#document.item` it came from, to name it when the server refuses it. */
export interface Sourced<T> {
  readonly source: string;
  readonly input: T;
}

export interface ValidDefinitions {
  readonly checks: Sourced<CheckInput>[];
  readonly dimensions: Sourced<DimensionsInput>[];
  readonly indicators: Sourced<IndicatorDefinition>[];
  readonly users: Sourced<UserApply>[];
}

/**
 * The one form of every problem `apply` reports, found locally or by the server: `file#document.item: field:
 * message` (`checks/web-hall.yaml#1.2: steps.1.url: …`), the field a dotted path inside the item, or a label such
 * as `(check)` when the problem is the item as a whole.
 */
export function problemLine(source: string, issue: { path: string; message: string }): string {
  return `${source}: ${issue.path}: ${issue.message}`;
}

function addIssues(
  problems: string[],
  where: { source: string; label: string },
  issues: readonly { path: readonly PropertyKey[]; message: string }[],
): void {
  for (const issue of issues)
    problems.push(
      problemLine(where.source, {
        path: issue.path.map(String).join('.') || where.label,
        message: issue.message,
      }),
    );
}

/** Parses every definition with its shared schema; each problem goes to `problems`, the valid ones are returned. */
export function validateDefinitions(definitions: readonly Located[], problems: string[]): ValidDefinitions {
  const valid: ValidDefinitions = { checks: [], dimensions: [], indicators: [], users: [] };
  for (const { source, kind, input } of definitions) {
    if (kind === 'dimensions') {
      const parsed = dimensionsInputSchema.safeParse(input);
      if (parsed.success) valid.dimensions.push({ source, input: parsed.data });
      else addIssues(problems, { source, label: '(dimensions)' }, parsed.error.issues);
    } else if (kind === 'user') {
      const parsed = userApplySchema.safeParse(input);
      if (parsed.success) valid.users.push({ source, input: parsed.data });
      else addIssues(problems, { source, label: '(user)' }, parsed.error.issues);
    } else if (kind === 'indicator') {
      const parsed = indicatorInputSchema.safeParse(input);
      if (parsed.success) valid.indicators.push({ source, input: parsed.data });
      else addIssues(problems, { source, label: '(indicator)' }, parsed.error.issues);
    } else {
      const parsed = checkInputSchema.safeParse(input);
      if (parsed.success) valid.checks.push({ source, input: parsed.data });
      else addIssues(problems, { source, label: '(check)' }, parsed.error.issues);
    }
  }
  return valid;
}

/**
 * The flow checks the server also runs that need nothing from it: variables defined before use, JSONPath, regular
 * expressions and selectors that would fail at run, sources a step kind cannot provide. Locations, what they can
 * run, and dimension references need the server's data.
 */
export function findFlowProblems(checks: readonly Sourced<CheckInput>[], problems: string[]): void {
  for (const { source, input } of checks)
    for (const issue of validateFlow({ steps: input.steps, variables: input.variables }))
      problems.push(problemLine(source, issue));
}
