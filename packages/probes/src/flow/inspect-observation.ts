import type { Assertion, AssertionResult, Extraction } from '@ganzhi/contracts';
import type { StepObservation } from '../step-executor.js';
import type { FlowValue, FlowVariables } from './flow-variables.js';
import { readSubject, type SubjectValue } from './read-subject.js';
import { compileUserPattern } from './safe-regex.js';

export interface Inspection {
  readonly extracted: ReadonlyMap<string, FlowValue>;
  readonly assertions: AssertionResult[];
  /** First failed assertion or extraction, as the step's error message. */
  readonly failure: string | null;
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** The actual value for a result, masked before it is cut: a cut secret would escape the masking of the result. */
function describe(value: SubjectValue, mask: (text: string) => string): string {
  if (value === undefined) return '(absent)';
  const text = mask(String(value));
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
      return actualText !== undefined && compileUserPattern(expectedText).test(actualText);
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

async function checkAssertion(
  observation: StepObservation,
  assertion: Assertion,
  mask: (text: string) => string,
): Promise<AssertionResult> {
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
  try {
    const actual = await readSubject(observation, {
      kind: assertion.subject,
      expression: assertion.expression,
    });
    return { name, ok: compare(actual, assertion), expected, actual: describe(actual, mask) };
  } catch (error) {
    // A check saved before validation knew better (a lookahead, a JSONPath filter) fails its step, not the run.
    return { name, ok: false, expected, actual: `(cannot evaluate: ${messageOf(error)})` };
  }
}

/**
 * Runs a step's extractions into `variables` (for later steps) and its generic assertions on what it observed.
 * A missing extraction fails the step: later steps would otherwise run with a hole in their input.
 */
export async function inspectObservation(
  observation: StepObservation,
  rules: { extract: readonly Extraction[]; assert: readonly Assertion[] },
  variables: FlowVariables,
): Promise<Inspection> {
  const { extracted, failure: extractionFailure } = await extract(observation, rules.extract);
  for (const [name, value] of extracted) variables.set(name, value);
  const masker = variables.masker();
  const assertions: AssertionResult[] = [];
  let failure = extractionFailure;
  for (const assertion of rules.assert) {
    const result = await checkAssertion(observation, assertion, masker.maskText);
    assertions.push(result);
    if (!result.ok)
      failure ??= `assertion failed: ${result.name} ${result.expected} (actual ${result.actual})`;
  }
  return { extracted, assertions, failure };
}

async function extract(
  observation: StepObservation,
  extractions: readonly Extraction[],
): Promise<{ extracted: Map<string, FlowValue>; failure: string | null }> {
  const extracted = new Map<string, FlowValue>();
  let failure: string | null = null;
  for (const extraction of extractions) {
    const where = `${extraction.from} ${extraction.expression}`;
    let value: SubjectValue;
    try {
      value = await readSubject(observation, { kind: extraction.from, expression: extraction.expression });
    } catch (error) {
      failure ??= `could not extract {{${extraction.variable}}} (${where}): ${messageOf(error)}`;
      continue;
    }
    if (value === undefined) {
      failure ??= `could not extract {{${extraction.variable}}} (${where})`;
      continue;
    }
    extracted.set(extraction.variable, { value: String(value), secret: extraction.secret });
  }
  return { extracted, failure };
}
