import type { Assertion, AssertionResult, Extraction } from '@ganzhi/contracts';
import type { StepObservation } from '../step-executor.js';
import type { FlowValue } from './flow-variables.js';
import { readSubject, type SubjectValue } from './read-subject.js';

export interface Inspection {
  readonly extracted: ReadonlyMap<string, FlowValue>;
  readonly assertions: AssertionResult[];
  /** First failed assertion or extraction, as the step's error message. */
  readonly failure: string | null;
}

function describe(value: SubjectValue): string {
  if (value === undefined) return '(absent)';
  const text = String(value);
  return text.length > 200 ? `${text.slice(0, 200)}…` : text;
}

/** Compares per the assertion; numbers compare numerically when both sides are numeric. */
export function compare(actual: SubjectValue, assertion: Pick<Assertion, 'comparison' | 'value'>): boolean {
  const expected = assertion.value;
  const actualText = actual === undefined ? undefined : String(actual);
  const expectedText = expected === undefined ? '' : String(expected);
  const numeric = actualText !== undefined && actualText.trim() !== '' && !Number.isNaN(Number(actualText));
  const a = Number(actualText);
  const b = Number(expectedText);
  switch (assertion.comparison) {
    case 'exists':
      return actual !== undefined;
    case 'notExists':
      return actual === undefined;
    case 'equals':
      return actualText === expectedText;
    case 'notEquals':
      return actualText !== expectedText;
    case 'contains':
      return actualText?.includes(expectedText) ?? false;
    case 'notContains':
      return !(actualText?.includes(expectedText) ?? false);
    case 'matches':
      return actualText !== undefined && new RegExp(expectedText).test(actualText);
    case 'lessThan':
      return numeric && a < b;
    case 'lessOrEqual':
      return numeric && a <= b;
    case 'greaterThan':
      return numeric && a > b;
    case 'greaterOrEqual':
      return numeric && a >= b;
  }
}

async function checkAssertion(observation: StepObservation, assertion: Assertion): Promise<AssertionResult> {
  const name = [assertion.subject, assertion.expression].filter(Boolean).join(' ');
  const expected = `${assertion.comparison}${assertion.value === undefined ? '' : ` ${String(assertion.value)}`}`;
  if (assertion.subject === 'element') {
    const visible = (await observation.isVisible?.(assertion.expression)) ?? false;
    const ok = assertion.comparison === 'notExists' ? !visible : visible;
    return {
      name: `element ${assertion.expression}`,
      ok,
      expected,
      actual: visible ? 'visible' : 'not visible',
    };
  }
  const actual = await readSubject(observation, {
    kind: assertion.subject,
    expression: assertion.expression,
  });
  return { name, ok: compare(actual, assertion), expected, actual: describe(actual) };
}

/**
 * Runs a step's extractions (into variables for later steps) and its generic assertions on what it observed.
 * A missing extraction fails the step: later steps would otherwise run with a hole in their input.
 */
export async function inspectObservation(
  observation: StepObservation,
  rules: { extract: readonly Extraction[]; assert: readonly Assertion[] },
): Promise<Inspection> {
  const extracted = new Map<string, FlowValue>();
  const assertions: AssertionResult[] = [];
  let failure: string | null = null;
  for (const extraction of rules.extract) {
    const value = await readSubject(observation, {
      kind: extraction.from,
      expression: extraction.expression,
    });
    if (value === undefined) {
      failure ??= `could not extract {{${extraction.variable}}} (${extraction.from} ${extraction.expression})`;
      continue;
    }
    extracted.set(extraction.variable, { value: String(value), secret: extraction.secret });
  }
  for (const assertion of rules.assert) {
    const result = await checkAssertion(observation, assertion);
    assertions.push(result);
    if (!result.ok)
      failure ??= `assertion failed: ${result.name} ${result.expected} (actual ${result.actual})`;
  }
  return { extracted, assertions, failure };
}
